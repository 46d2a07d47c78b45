package dev.mlsd.visualsearch.serving;

/**
 * The answer of {@code POST /v1/search}: gallery ids with their cosine to the query, best first.
 *
 * @param encoder the embedding model's name and version
 * @param ids gallery ids, best first
 * @param scores cosine similarity of each to the query
 */
public record SearchResponse(String encoder, int[] ids, float[] scores) {}
