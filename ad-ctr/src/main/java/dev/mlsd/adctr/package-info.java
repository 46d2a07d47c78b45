/**
 * Chapter 8 of the book, ad click prediction, end to end: {@link dev.mlsd.adctr.AdCtrDemo} runs the
 * seven steps in order. The sub-packages follow the book's order: {@code data} (step 3), {@code
 * features} (4), {@code model} (5), {@code evaluation} (6), {@code serving} (7).
 *
 * <p>Book: chapter 8.
 */
package dev.mlsd.adctr;
