/**
 * Video search, book chapter 4, on DiDeMo: {@link dev.mlsd.videosearch.VideoSearchDemo} runs the
 * seven steps. Packages in the book's order: {@code data}, {@code features}, {@code model}, {@code
 * evaluation}, {@code serving}.
 */
package dev.mlsd.videosearch;
