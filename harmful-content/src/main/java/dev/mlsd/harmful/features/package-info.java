/**
 * Step 4 of the book's framework, feature engineering, with early fusion: {@link
 * dev.mlsd.harmful.features.Featurizer} is the one featuriser for training and serving. It
 * normalises the text ({@link dev.mlsd.harmful.features.TextNormalizer}), tokenises it ({@link
 * dev.mlsd.harmful.features.Tokenizer}), hashes word and character n-grams ({@link
 * dev.mlsd.harmful.features.HashedNgrams}) and appends every {@link
 * dev.mlsd.harmful.features.DenseFeatureFamily} (here {@link
 * dev.mlsd.harmful.features.PostSignals}: profane-word rate from {@link
 * dev.mlsd.harmful.features.ProfanityLexicon}, all-caps ratio, mentions, length; {@link
 * dev.mlsd.harmful.features.TweetSignals}; and, as an option, {@link
 * dev.mlsd.harmful.features.PooledWordVectors}, pretrained word vectors from {@link
 * dev.mlsd.harmful.features.WordVectors}).
 *
 * <p>The serving path is allocation-free: one {@link dev.mlsd.harmful.features.FeatureScratch} per
 * thread.
 *
 * <p>Book: chapter 5, "Feature engineering" (text content, author and reaction signals) and
 * "Feature fusion".
 */
package dev.mlsd.harmful.features;
