/**
 * Visual search (book chapter 2): {@link dev.mlsd.visualsearch.VisualSearchDemo} narrates the seven
 * steps; {@link dev.mlsd.visualsearch.VisualSearchSystem} builds the system once from {@link
 * dev.mlsd.visualsearch.VisualSearchParams}; {@link dev.mlsd.visualsearch.VisualSearchReport}
 * writes results.json and report.html. Read the packages in the book's order: {@code data}, {@code
 * features}, {@code model}, {@code evaluation}, {@code serving}.
 */
package dev.mlsd.visualsearch;
