package dev.mlsd.visualsearch.serving;

/**
 * The part of a query image the user selected (the book's "select a part of the image"): a
 * rectangle in the uploaded image's pixel coordinates, origin top-left.
 *
 * @param x left column, 0 or more
 * @param y top row, 0 or more
 * @param width columns, at least 1
 * @param height rows, at least 1
 */
public record CropBox(int x, int y, int width, int height) {
  public CropBox {
    if (x < 0 || y < 0 || width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "crop must have x, y >= 0 and width, height >= 1, got "
              + x
              + ","
              + y
              + ","
              + width
              + ","
              + height);
    }
  }

  /**
   * Parses {@code "x,y,width,height"}.
   *
   * @return the box, or null for a null or empty text
   * @throws IllegalArgumentException if the text is not four non-negative integers
   */
  public static CropBox parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String[] p = text.split(",");
    if (p.length != 4) {
      throw new IllegalArgumentException("crop must be x,y,width,height, got '" + text + "'");
    }
    try {
      return new CropBox(
          Integer.parseInt(p[0].trim()),
          Integer.parseInt(p[1].trim()),
          Integer.parseInt(p[2].trim()),
          Integer.parseInt(p[3].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("crop must be four integers, got '" + text + "'");
    }
  }

  /** Whether the box lies inside a {@code width x height} image. */
  public boolean fitsIn(int imageWidth, int imageHeight) {
    return (long) x + width <= imageWidth && (long) y + height <= imageHeight;
  }
}
