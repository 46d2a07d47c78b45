package dev.mlsd.visualsearch.serving;

import java.util.Arrays;

/**
 * The served catalogue: every indexed image's pixels (to show it) and its embedding (for
 * re-ranking), by id, plus the private/removed flag of each. Ids are the ANN index's ids, dense
 * from 0 in insertion order.
 *
 * <p>Thread safety: one writer at a time ({@link IndexingPipeline} appends under its lock; flags
 * are set under this object's lock); readers never lock: they read the arrays published by the last
 * write through volatile fields, and an id below {@link #size()} is always fully written before the
 * size that covers it is published.
 *
 * <p>Book: chapter 2, "Indexing pipeline" and "Re-ranking service" (private images).
 */
public final class Gallery {
  private final int height;
  private final int width;
  private final int channels;
  private final int dimension;
  private volatile byte[] pixels;
  private volatile float[] embeddings;
  private volatile long[] hidden;
  private volatile int size;

  /**
   * @param height image height
   * @param width image width
   * @param channels image channels
   * @param dimension embedding width
   * @param capacity images to make room for
   */
  public Gallery(int height, int width, int channels, int dimension, int capacity) {
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.dimension = dimension;
    int cap = Math.max(16, capacity);
    this.pixels = new byte[cap * imageSize()];
    this.embeddings = new float[cap * dimension];
    this.hidden = new long[(cap + 63) / 64];
  }

  /** Image height. */
  public int height() {
    return height;
  }

  /** Image width. */
  public int width() {
    return width;
  }

  /** Image channels. */
  public int channels() {
    return channels;
  }

  /** Bytes per image. */
  public int imageSize() {
    return height * width * channels;
  }

  /** Embedding width. */
  public int dimension() {
    return dimension;
  }

  /** Images held. */
  public int size() {
    return size;
  }

  /** Appends an image and its embedding; returns its id. Call from one writer at a time. */
  synchronized int append(byte[] image, int imageOff, float[] embedding, int embOff) {
    int id = size;
    int isz = imageSize();
    if ((id + 1) * isz > pixels.length) {
      int cap = Math.max(16, id + id / 2);
      pixels = Arrays.copyOf(pixels, cap * isz);
      embeddings = Arrays.copyOf(embeddings, cap * dimension);
      hidden = Arrays.copyOf(hidden, (cap + 63) / 64);
    }
    System.arraycopy(image, imageOff, pixels, id * isz, isz);
    System.arraycopy(embedding, embOff, embeddings, id * dimension, dimension);
    size = id + 1; // publishes the writes above
    return id;
  }

  /** Copies image {@code id}'s pixels into {@code out}. */
  public void image(int id, byte[] out) {
    check(id);
    System.arraycopy(pixels, id * imageSize(), out, 0, imageSize());
  }

  /** The embeddings array (read-only; rows below {@link #size()} are valid). */
  public float[] embeddings() {
    return embeddings;
  }

  /**
   * Marks an image private (or removed) or public again.
   *
   * @return whether the flag changed
   */
  public synchronized boolean setPrivate(int id, boolean value) {
    check(id);
    long[] h = hidden.clone();
    boolean was = (h[id >>> 6] & (1L << id)) != 0;
    if (value) {
      h[id >>> 6] |= 1L << id;
    } else {
      h[id >>> 6] &= ~(1L << id);
    }
    hidden = h; // copy-on-write: readers see the old or the new set, never half of one
    return was != value;
  }

  /** Whether an image is private or removed. */
  public boolean isPrivate(int id) {
    long[] h = hidden;
    return (id >>> 6) < h.length && (h[id >>> 6] & (1L << id)) != 0;
  }

  /** How many images are private or removed. */
  public int privateCount() {
    int n = 0;
    for (long w : hidden) {
      n += Long.bitCount(w);
    }
    return n;
  }

  private void check(int id) {
    if (id < 0 || id >= size) {
      throw new IllegalArgumentException("no image " + id + " (the gallery holds " + size + ")");
    }
  }
}
