package dev.mlsd.core.inference;

/**
 * The per-thread working memory of one {@link InferenceGraph}: one activation buffer per node for
 * up to {@link #capacity()} rows, plus a temporary area. Made once per thread with {@link
 * InferenceGraph#newScratch(int)} and reused for every request, so scoring allocates nothing;
 * larger batches are scored in chunks of {@code capacity} rows.
 *
 * <p>Thread safety: not thread-safe; one instance per thread (a {@code ThreadLocal} or a field of a
 * per-thread worker).
 */
public final class Scratch {
  final Layer[] layout;
  final int capacity;
  final float[][] buf;
  final int[] off;
  final float[] tmp;
  int[] ids;
  int idOff;
  int idWidth;

  Scratch(Layer[] layout, int[] widths, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("scratch capacity must be >= 1 row, got " + capacity);
    }
    this.layout = layout;
    this.capacity = capacity;
    int nodes = widths.length;
    this.buf = new float[nodes][];
    this.off = new int[nodes];
    long tmpFloats = 0;
    // node 0 (the input) and the last node (the output) point at the caller's arrays
    for (int i = 1; i < nodes - 1; i++) {
      buf[i] = new float[Math.multiplyExact(capacity, widths[i])];
    }
    for (Layer l : layout) {
      tmpFloats = Math.max(tmpFloats, l.tmpFloats(capacity));
    }
    this.tmp = new float[Math.toIntExact(tmpFloats)];
  }

  /** The most rows scored in one pass; larger batches run in chunks of this size. */
  public int capacity() {
    return capacity;
  }
}
