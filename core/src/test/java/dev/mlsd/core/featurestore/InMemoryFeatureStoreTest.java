package dev.mlsd.core.featurestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InMemoryFeatureStoreTest {
  static final FeatureSchema AD =
      new FeatureSchema("ad", 1, List.of("ctr", "bid", "age"), new float[] {0.01f, 0f, -1f});

  @Test
  void readsBackWhatWasWrittenAndDefaultsForMissing() {
    try (InMemoryFeatureStore store = new InMemoryFeatureStore()) {
      store.write(AD, new int[] {7, -3}, new float[] {1, 2, 3, 4, 5, 6}, 2);
      float[] out = new float[3 * 4];
      int found = store.read(AD, new int[] {-3, 99, 7}, 3, out, 1, 4);
      assertEquals(2, found);
      assertArrayEquals(new float[] {0, 4, 5, 6, 0, 0.01f, 0, -1, 0, 1, 2, 3}, out);
      assertEquals(1, store.counters().missingRows());
      assertEquals(3, store.counters().rows());
      assertEquals(1, store.counters().batches());
    }
  }

  @Test
  void aWriteReplacesTheRow() {
    InMemoryFeatureStore store = new InMemoryFeatureStore();
    store.write(AD, 1, new float[] {1, 1, 1});
    store.write(AD, 1, new float[] {2, 2, 2});
    assertArrayEquals(new float[] {2, 2, 2}, store.read(AD, 1));
    assertEquals(1, store.size(AD));
  }

  @Test
  void manyRowsSurviveGrowth() {
    InMemoryFeatureStore store = new InMemoryFeatureStore();
    SplittableRandom rnd = new SplittableRandom(42);
    int n = 5000;
    int[] ids = new int[n];
    float[] rows = new float[n * 3];
    for (int i = 0; i < n; i++) {
      ids[i] = rnd.nextInt();
      for (int j = 0; j < 3; j++) {
        rows[i * 3 + j] = (float) rnd.nextDouble();
      }
    }
    store.write(AD, ids, rows, n);
    float[] out = new float[n * 3];
    // duplicated random ids keep their last value; compare against a re-read in write order
    store.read(AD, ids, n, out, 0, 3);
    for (int i = n - 1; i >= 0; i--) {
      float[] one = store.read(AD, ids[i]);
      assertArrayEquals(one, java.util.Arrays.copyOfRange(out, i * 3, i * 3 + 3));
    }
  }

  @Test
  void anUnknownGroupServesDefaults() {
    InMemoryFeatureStore store = new InMemoryFeatureStore();
    assertArrayEquals(new float[] {0.01f, 0f, -1f}, store.read(AD, 5));
    assertEquals(1, store.counters().missingRows());
  }

  @Test
  void aChangedLayoutUnderTheSameVersionIsRefused() {
    InMemoryFeatureStore store = new InMemoryFeatureStore();
    store.write(AD, 1, new float[] {1, 1, 1});
    FeatureSchema other = FeatureSchema.withZeroDefaults("ad", 1, List.of("ctr", "bid"));
    assertThrows(IllegalArgumentException.class, () -> store.read(other, 1));
    FeatureSchema v2 = FeatureSchema.withZeroDefaults("ad", 2, List.of("ctr", "bid"));
    assertArrayEquals(new float[] {0, 0}, store.read(v2, 1));
  }

  @Test
  void badArgumentsAreRefused() {
    InMemoryFeatureStore store = new InMemoryFeatureStore();
    float[] out = new float[5];
    assertThrows(
        IllegalArgumentException.class, () -> store.read(AD, new int[] {1, 2}, 2, out, 0, 3));
    assertThrows(IllegalArgumentException.class, () -> store.read(AD, new int[] {1}, 2, out, 0, 3));
    assertThrows(IllegalArgumentException.class, () -> store.read(AD, new int[] {1}, 1, out, 0, 2));
    assertThrows(
        IllegalArgumentException.class, () -> store.read(AD, new int[] {1}, 1, out, -1, 3));
    assertThrows(
        IllegalArgumentException.class, () -> store.write(AD, new int[] {1}, new float[] {1}, 1));
  }

  @Test
  void schemasValidateTheirArguments() {
    assertThrows(
        IllegalArgumentException.class,
        () -> FeatureSchema.withZeroDefaults("Bad Name", 1, List.of("a")));
    assertThrows(
        IllegalArgumentException.class, () -> FeatureSchema.withZeroDefaults("a", 0, List.of("a")));
    assertThrows(
        IllegalArgumentException.class, () -> FeatureSchema.withZeroDefaults("a", 1, List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FeatureSchema("a", 1, List.of("x", "y"), new float[1]));
  }
}
