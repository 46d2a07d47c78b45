package dev.mlsd.visualsearch.data;

import java.util.List;

/**
 * A labelled set of small images held as unsigned bytes, channels-last: image {@code i}, pixel
 * {@code (y, x)}, channel {@code c} is {@code pixels[((i * height + y) * width + x) * channels + c]
 * & 0xff}. Greyscale sets have one channel, colour sets three (RGB).
 *
 * <p>Labels are class indices into {@link #classNames()}; they are used only for evaluation (same
 * class = relevant), never for training the self-supervised encoder.
 *
 * <p>Thread safety: treat as immutable once built (the arrays are not copied).
 *
 * <p>Book: chapter 2, "Data preparation".
 *
 * @param name where the images came from, for reports
 * @param count number of images
 * @param height rows per image
 * @param width columns per image
 * @param channels 1 (greyscale) or 3 (RGB)
 * @param pixels {@code count * height * width * channels} bytes
 * @param labels {@code count} class indices
 * @param classNames the class names, index = label
 */
public record ImageSet(
    String name,
    int count,
    int height,
    int width,
    int channels,
    byte[] pixels,
    int[] labels,
    List<String> classNames) {

  public ImageSet {
    if (count < 0 || height < 1 || width < 1 || (channels != 1 && channels != 3)) {
      throw new IllegalArgumentException(
          "bad image set shape " + count + "x" + height + "x" + width + "x" + channels);
    }
    if (pixels.length != (long) count * height * width * channels) {
      throw new IllegalArgumentException(
          "pixels hold "
              + pixels.length
              + " bytes, the shape needs "
              + (long) count * height * width * channels);
    }
    if (labels.length != count) {
      throw new IllegalArgumentException("labels hold " + labels.length + ", expected " + count);
    }
    classNames = List.copyOf(classNames);
    for (int l : labels) {
      if (l < 0 || l >= classNames.size()) {
        throw new IllegalArgumentException("label " + l + " outside 0.." + (classNames.size() - 1));
      }
    }
  }

  /** Bytes per image: {@code height * width * channels}. */
  public int imageSize() {
    return height * width * channels;
  }

  /** A copy of image {@code i}'s bytes. */
  public byte[] image(int i) {
    return java.util.Arrays.copyOfRange(pixels, i * imageSize(), (i + 1) * imageSize());
  }

  /** The class name of image {@code i}. */
  public String className(int i) {
    return classNames.get(labels[i]);
  }

  /** The first {@code n} images (or all when fewer), sharing nothing with this set. */
  public ImageSet head(int n) {
    int m = Math.min(n, count);
    byte[] p = java.util.Arrays.copyOf(pixels, m * imageSize());
    int[] l = java.util.Arrays.copyOf(labels, m);
    return new ImageSet(name, m, height, width, channels, p, l, classNames);
  }

  /** The images at the given indices, in that order. */
  public ImageSet select(int[] indices) {
    int size = imageSize();
    byte[] p = new byte[indices.length * size];
    int[] l = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(pixels, indices[i] * size, p, i * size, size);
      l[i] = labels[indices[i]];
    }
    return new ImageSet(name, indices.length, height, width, channels, p, l, classNames);
  }

  /** The ids of every image of each class, ascending: {@code result[c]} lists class {@code c}. */
  public int[][] idsByClass() {
    int[] counts = new int[classNames.size()];
    for (int l : labels) {
      counts[l]++;
    }
    int[][] out = new int[counts.length][];
    for (int c = 0; c < counts.length; c++) {
      out[c] = new int[counts[c]];
    }
    int[] fill = new int[counts.length];
    for (int i = 0; i < count; i++) {
      out[labels[i]][fill[labels[i]]++] = i;
    }
    return out;
  }
}
