/**
 * Export from DL4J into {@link dev.mlsd.core.inference.InferenceGraph}: the only package of the
 * inference path that touches DL4J, used at training time and by the parity tests, never by
 * serving. DL4J is an optional dependency of core; a module that exports declares DL4J itself.
 *
 * <p>{@link dev.mlsd.core.inference.dl4j.Dl4jExport#fromMultiLayerNetwork} converts a whole
 * feed-forward network; for a {@code ComputationGraph} or a SameDiff graph (DCN, DeepFM, two
 * towers) the module assembles the graph with {@link
 * dev.mlsd.core.inference.InferenceGraph#builder} and pulls each weight with {@link
 * dev.mlsd.core.inference.dl4j.Dl4jWeights}.
 */
package dev.mlsd.core.inference.dl4j;
