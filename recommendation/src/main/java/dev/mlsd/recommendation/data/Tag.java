package dev.mlsd.recommendation.data;

/**
 * One user-applied tag from {@code tags.csv}.
 *
 * @param userId the MovieLens userId who tagged
 * @param item the item index
 * @param tag the tag text, lower-cased and trimmed
 * @param timestamp seconds since the epoch
 */
public record Tag(int userId, int item, String tag, long timestamp) {}
