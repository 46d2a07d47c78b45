package dev.mlsd.core.toy;

/**
 * The answer to a {@link ToyRequest}.
 *
 * @param modelVersion the version of the model that scored this request
 * @param itemIds the items, best first
 * @param scores their predicted probabilities
 */
public record ToyResponse(String modelVersion, int[] itemIds, float[] scores) {}
