/**
 * Video recommendation, book chapter 6, on MovieLens: {@link
 * dev.mlsd.recommendation.RecommendationDemo} runs the book's seven steps; {@link
 * dev.mlsd.recommendation.RecommendationSystem} trains everything in the book's order. The
 * sub-packages follow the chapter: {@code data}, {@code features}, {@code model}, {@code
 * evaluation}, {@code serving}.
 *
 * <p>Book: chapter 6.
 */
package dev.mlsd.recommendation;
