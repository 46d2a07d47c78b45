package dev.mlsd.core.report;

import java.util.Base64;

/**
 * One image of an {@link Report#imageGrid image grid}, embedded in the page as a {@code data:} URI
 * (so the report stays one file).
 *
 * @param dataUri {@code data:image/<type>;base64,...}
 * @param caption text under the image (escaped), may be empty
 */
public record Image(String dataUri, String caption) {
  /** Checks that the URI is an embedded image (never a link to elsewhere). */
  public Image {
    if (dataUri == null
        || !dataUri.matches("data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]*")) {
      throw new IllegalArgumentException("an image must be a base64 data:image/... URI");
    }
    caption = caption == null ? "" : caption;
  }

  /** A PNG from its bytes. */
  public static Image png(byte[] bytes, String caption) {
    return new Image("data:image/png;base64," + Base64.getEncoder().encodeToString(bytes), caption);
  }

  /** A JPEG from its bytes. */
  public static Image jpeg(byte[] bytes, String caption) {
    return new Image(
        "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(bytes), caption);
  }
}
