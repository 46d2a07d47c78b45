package dev.mlsd.core.toy;

import dev.mlsd.core.featurestore.FeatureMaterializer;
import dev.mlsd.core.featurestore.FeatureSchema;
import dev.mlsd.core.featurestore.FeatureStore;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The toy world: {@value #ITEMS} items with {@value #DIM} seeded features each, {@value #USERS}
 * users, {@value #CATEGORIES} item categories ({@code id % CATEGORIES}).
 *
 * <p>Thread safety: stateless.
 */
public final class ToyCatalog {
  /** Number of items, ids {@code 0..ITEMS-1}. */
  public static final int ITEMS = 100_000;

  /** Number of users, ids {@code 0..USERS-1}. */
  public static final int USERS = 10_000;

  /** Item feature columns. */
  public static final int DIM = 16;

  /** Item categories. */
  public static final int CATEGORIES = 20;

  /** The largest k a request may ask for. */
  public static final int MAX_K = 100;

  /** The item feature group. */
  public static final FeatureSchema ITEM_FEATURES;

  static {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < DIM; i++) {
      names.add("f" + i);
    }
    ITEM_FEATURES = FeatureSchema.withZeroDefaults("toy-item", 1, names);
  }

  private ToyCatalog() {}

  /** The seeded features of one item. */
  public static void itemFeatures(int id, float[] out, int offset) {
    SplittableRandom r = new SplittableRandom(0x5EEDL ^ (id * 0x9E3779B97F4A7C15L));
    for (int i = 0; i < DIM; i++) {
      out[offset + i] = (float) r.nextGaussian();
    }
  }

  /** Materialises every item's features into a store (the offline batch job). */
  public static void materialize(FeatureStore store) {
    int[] ids = new int[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      ids[i] = i;
    }
    FeatureMaterializer.materialize(store, ITEM_FEATURES, ids, ToyCatalog::itemFeatures);
  }

  /** The seeded weights of model version {@code version}. */
  public static float[] weights(int version) {
    SplittableRandom r = new SplittableRandom(version * 31L + 7);
    float[] w = new float[DIM + 1];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (r.nextGaussian() * 0.5);
    }
    return w;
  }
}
