package dev.mlsd.core.report;

import java.util.List;

/**
 * One row of an {@link Report#imageGrid image grid}: a caption (a query) and its images (the
 * results, in rank order).
 *
 * @param caption the row's label (escaped)
 * @param images left to right
 */
public record ImageRow(String caption, List<Image> images) {
  /** Copies the list. */
  public ImageRow {
    caption = caption == null ? "" : caption;
    images = List.copyOf(images);
  }
}
