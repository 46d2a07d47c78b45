package dev.mlsd.videosearch.serving;

import dev.mlsd.videosearch.features.TextNormalizer;

/**
 * The body of {@code POST /v1/videos}: one video to index. All four fields are required (the server
 * parses strictly); {@code uploader} may be null.
 *
 * @param name a unique name, at most {@value #MAX_NAME} characters
 * @param uploader its uploader; null takes the part of the name before the first {@code _}
 *     (DiDeMo's convention), or {@code "unknown"}
 * @param text its catalogue text (title, description, tags), at most {@value #MAX_TEXT} characters
 *     and at least one letter or digit
 * @param hidden true for a private video (indexed, never shown)
 */
public record NewVideo(String name, String uploader, String text, Boolean hidden) {
  /** The longest name accepted. */
  public static final int MAX_NAME = 200;

  /** The longest text accepted. */
  public static final int MAX_TEXT = 4000;

  /** Validates, with one-line reasons. */
  public NewVideo {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException("name must be 1 to " + MAX_NAME + " characters");
    }
    if (text == null || text.length() > MAX_TEXT || TextNormalizer.normalize(text).isEmpty()) {
      throw new IllegalArgumentException(
          "text must have a letter or digit and at most " + MAX_TEXT + " characters");
    }
    if (uploader != null && (uploader.isBlank() || uploader.length() > MAX_NAME)) {
      throw new IllegalArgumentException("uploader must be 1 to " + MAX_NAME + " characters");
    }
  }

  /** The uploader to record. */
  public String uploaderOrDefault() {
    if (uploader != null) {
      return uploader;
    }
    int cut = name.indexOf('_');
    return cut > 0 ? name.substring(0, cut) : "unknown";
  }

  /** Whether the video is private. */
  public boolean isHidden() {
    return hidden != null && hidden;
  }
}
