/**
 * Step 3 of the book's framework, data preparation: loaders for the three real click logs (Criteo,
 * Avazu, iPinYou), each turned into time-ordered {@link dev.mlsd.adctr.data.Impression}s under an
 * {@link dev.mlsd.adctr.data.AdSchema}; the deterministic {@link dev.mlsd.adctr.data.TimeSplit};
 * and {@link dev.mlsd.adctr.data.NegativeDownsampler}, the book's answer to class imbalance.
 *
 * <p>Book: chapter 8, "Data preparation" and "Challenges: class imbalance".
 */
package dev.mlsd.adctr.data;
