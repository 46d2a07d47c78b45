/**
 * Harmful content detection, book chapter 5, on Davidson et al.'s crowd-labelled tweets: {@link
 * dev.mlsd.harmful.HarmfulContentDemo} runs the book's seven steps; {@link
 * dev.mlsd.harmful.HarmfulContentSystem} builds everything once from {@link
 * dev.mlsd.harmful.SystemParams}. The sub-packages follow the chapter: {@code data}, {@code
 * features}, {@code model}, {@code evaluation}, {@code serving}.
 *
 * <p>Book: chapter 5.
 */
package dev.mlsd.harmful;
