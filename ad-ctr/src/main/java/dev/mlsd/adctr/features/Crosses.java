package dev.mlsd.adctr.features;

import dev.mlsd.adctr.data.AdSchema;
import java.util.List;

/**
 * Selected feature crosses for the linear models (the book's "feature crossing + LR"): each pair of
 * categorical fields becomes one extra id, the hash of the two fields' ids, in a space of {@code
 * buckets} ids shared by all crosses. The deep models learn interactions themselves and do not use
 * these.
 *
 * <p>Thread safety: immutable.
 */
public final class Crosses {
  private final int[] left;
  private final int[] right;
  private final int buckets;

  /**
   * @param schema the log's schema, whose {@link AdSchema#crosses()} are used
   * @param buckets the size of the cross id space, at least 1
   */
  public Crosses(AdSchema schema, int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be >= 1, got " + buckets);
    }
    List<List<String>> c = schema.crosses();
    this.left = new int[c.size()];
    this.right = new int[c.size()];
    for (int i = 0; i < c.size(); i++) {
      left[i] = schema.categoricalIndex(c.get(i).get(0));
      right[i] = schema.categoricalIndex(c.get(i).get(1));
    }
    this.buckets = buckets;
  }

  /** Number of crosses (ids each impression gets). */
  public int count() {
    return left.length;
  }

  /** Size of the cross id space. */
  public int buckets() {
    return buckets;
  }

  /**
   * Writes the cross ids, each in [0, buckets).
   *
   * @param categoricalIds per categorical field, its hashed id (field-local)
   * @param catOffset where the categorical ids start in {@code categoricalIds}
   * @param out receives {@link #count()} ids from {@code outOffset}
   */
  public void ids(int[] categoricalIds, int catOffset, int[] out, int outOffset) {
    for (int i = 0; i < left.length; i++) {
      long h =
          HashedField.mix(
              ((long) categoricalIds[catOffset + left[i]] << 32
                      | (categoricalIds[catOffset + right[i]] & 0xffffffffL))
                  ^ (0x51ED27L * (i + 1)));
      out[outOffset + i] = (int) Long.remainderUnsigned(h, buckets);
    }
  }
}
