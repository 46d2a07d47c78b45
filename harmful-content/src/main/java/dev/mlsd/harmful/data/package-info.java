/**
 * Step 3 of the book's framework, data preparation: {@link dev.mlsd.harmful.data.DavidsonLoader}
 * reads the crowd-labelled tweets into {@link dev.mlsd.harmful.data.Post}s (counting malformed
 * rows), {@link dev.mlsd.harmful.data.HarmTask} turns the votes into one binary label per harm
 * category, {@link dev.mlsd.harmful.data.LabelWeights} optionally weighs each label by the raters'
 * agreement, and {@link dev.mlsd.harmful.data.StratifiedSplit} makes the seeded 80/10/10 split.
 *
 * <p>Every label here is a crowd label. The book trains on natural labels (user reports) and
 * evaluates on hand labels; the user-report channel is simulated in {@code serving}.
 *
 * <p>Book: chapter 5, "Data preparation".
 */
package dev.mlsd.harmful.data;
