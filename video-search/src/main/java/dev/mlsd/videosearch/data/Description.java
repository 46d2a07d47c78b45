package dev.mlsd.videosearch.data;

/**
 * One DiDeMo description: a sentence an annotator wrote about a moment of a video.
 *
 * @param annotationId DiDeMo's {@code annotation_id}, unique over the dataset
 * @param text the sentence as written
 */
public record Description(int annotationId, String text) {
  /** Validates the fields. */
  public Description {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("description text must be non-blank");
    }
  }
}
