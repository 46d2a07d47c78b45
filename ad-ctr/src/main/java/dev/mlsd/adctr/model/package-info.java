/**
 * Step 5, model development: the book's lineup for click prediction, all trained here on the same
 * {@link dev.mlsd.adctr.features.EncodedRows} with the book's loss (binary cross-entropy) and an
 * explicit seed: {@link dev.mlsd.adctr.model.FtrlLogisticRegression} (hashed features plus crosses,
 * trained online; the baseline), {@link dev.mlsd.adctr.model.GbdtPlusLr} (Smile's GBDT leaves as LR
 * features), {@link dev.mlsd.adctr.model.FactorizationMachine}, and in DL4J SameDiff {@link
 * dev.mlsd.adctr.model.DeepCrossNetwork} and {@link dev.mlsd.adctr.model.DeepFm}. {@link
 * dev.mlsd.adctr.model.BackgroundCtr} is the trivial predictor (NCE = 1 by definition), {@link
 * dev.mlsd.adctr.model.PlattCalibrator} re-calibrates on the validation split.
 *
 * <p>Book: chapter 8, "Model development".
 */
package dev.mlsd.adctr.model;
