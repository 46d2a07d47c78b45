package dev.mlsd.visualsearch.serving;

import dev.mlsd.visualsearch.features.ImageOps;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The first step of the embedding generation service: an uploaded PNG or JPEG becomes an image of
 * the gallery's shape. Decodes with {@code javax.imageio}, checks the limits, cuts out the crop box
 * if one is given, converts to the gallery's colour mode (luma for greyscale) and resizes
 * bilinearly to the encoder's input size.
 *
 * <p>Limits (documented in the README and answered with 400 and the reason): at most {@link
 * #MAX_BYTES} bytes of upload (the server refuses larger bodies with 413 before decoding), at most
 * {@link #MAX_SIDE} pixels on either side (checked from the header, before the pixels are decoded),
 * a crop box inside the image.
 *
 * <p>Thread safety: immutable; decoding allocates the decoded image (unavoidable with ImageIO).
 *
 * <p>Book: chapter 2, "Embedding generation service" (preprocessing a query image).
 */
public final class QueryImageDecoder {
  /** The largest upload accepted, in bytes. */
  public static final int MAX_BYTES = 1 << 20;

  /** The longest side accepted, in pixels. */
  public static final int MAX_SIDE = 2048;

  private final int height;
  private final int width;
  private final int channels;

  /**
   * @param height the gallery's image height, and so on
   */
  public QueryImageDecoder(int height, int width, int channels) {
    this.height = height;
    this.width = width;
    this.channels = channels;
  }

  /** Bytes per decoded image: {@code height * width * channels}. */
  public int imageSize() {
    return height * width * channels;
  }

  /**
   * Decodes an upload into {@code out} ({@link #imageSize()} bytes, channels-last).
   *
   * @param body the upload; bytes {@code [0, length)} are read
   * @param crop the part to keep, or null for the whole image
   * @throws IllegalArgumentException with the reason, for anything that is not a usable image
   */
  public void decode(byte[] body, int length, CropBox crop, byte[] out) {
    if (length > MAX_BYTES) {
      throw new IllegalArgumentException("image larger than " + MAX_BYTES + " bytes");
    }
    BufferedImage img = read(body, length);
    int iw = img.getWidth();
    int ih = img.getHeight();
    CropBox box = crop == null ? new CropBox(0, 0, iw, ih) : crop;
    if (!box.fitsIn(iw, ih)) {
      throw new IllegalArgumentException(
          "crop "
              + box.x()
              + ","
              + box.y()
              + ","
              + box.width()
              + ","
              + box.height()
              + " lies outside the "
              + iw
              + "x"
              + ih
              + " image");
    }
    byte[] region = new byte[box.width() * box.height() * channels];
    int[] row = new int[box.width()];
    // a greyscale PNG's samples are read as they are: getRGB would put them through a gamma curve
    boolean grey = img.getRaster().getNumBands() == 1;
    int shift = Math.max(0, img.getColorModel().getComponentSize(0) - 8);
    for (int y = 0; y < box.height(); y++) {
      if (grey) {
        img.getRaster().getSamples(box.x(), box.y() + y, box.width(), 1, 0, row);
        for (int x = 0; x < box.width(); x++) {
          int v = row[x] >> shift;
          row[x] = 0xff000000 | (v << 16) | (v << 8) | v;
        }
      } else {
        img.getRGB(box.x(), box.y() + y, box.width(), 1, row, 0, box.width());
      }
      for (int x = 0; x < box.width(); x++) {
        int argb = row[x];
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        int o = (y * box.width() + x) * channels;
        if (channels == 1) {
          region[o] = (byte) Math.round(0.299f * r + 0.587f * g + 0.114f * b);
        } else {
          region[o] = (byte) r;
          region[o + 1] = (byte) g;
          region[o + 2] = (byte) b;
        }
      }
    }
    ImageOps.resizeBilinearBytes(
        region,
        0,
        box.width(),
        channels,
        0,
        0,
        box.width(),
        box.height(),
        out,
        new float[imageSize()],
        height,
        width);
  }

  private static BufferedImage read(byte[] body, int length) {
    try (ImageInputStream in =
        ImageIO.createImageInputStream(new ByteArrayInputStream(body, 0, length))) {
      if (in == null) {
        throw new IllegalArgumentException("not an image (PNG or JPEG expected)");
      }
      var readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IllegalArgumentException("not an image (PNG or JPEG expected)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
        if (!format.equals("png") && !format.equals("jpeg")) {
          throw new IllegalArgumentException("a " + format + " image; PNG or JPEG expected");
        }
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if (w > MAX_SIDE || h > MAX_SIDE) {
          throw new IllegalArgumentException(
              "image of " + w + "x" + h + " pixels; at most " + MAX_SIDE + " on a side");
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("not a readable PNG or JPEG image");
    }
  }
}
