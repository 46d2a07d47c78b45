package dev.mlsd.recommendation.data;

import dev.mlsd.core.data.ReadReport;
import java.util.List;

/**
 * Everything read from MovieLens: the catalogue, the interaction log, the tags, and one {@link
 * ReadReport} per file (rows accepted and malformed).
 *
 * @param catalog the movies
 * @param interactions the ratings, sorted by user and time
 * @param tags the user tags
 * @param reports one per file read, in read order
 * @param ratingsSha256 the SHA-256 of ratings.csv (for model cards)
 */
public record MovieLensData(
    Catalog catalog,
    Interactions interactions,
    List<Tag> tags,
    List<ReadReport> reports,
    String ratingsSha256) {
  public MovieLensData {
    tags = List.copyOf(tags);
    reports = List.copyOf(reports);
  }
}
