package dev.mlsd.harmful.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pooled word-vector family on hand cases. */
class PooledWordVectorsTest {
  private static final WordVectors TABLE =
      WordVectors.of(
          List.of("you", "dont", "hate", "tired"), new float[] {1, 0, -2, 4, 3, -1, 0, 0}, 2);

  private static float[] pool(String text) {
    Featurizer f =
        new Featurizer(
            new FeatureParams(1 << 8, 3, 3, true, 1), List.of(new PooledWordVectors(TABLE)));
    FeatureScratch s = f.newScratch();
    f.featurize(text, s);
    return s.dense.clone();
  }

  @Test
  void meanMaxAndOovRateOverTheWords() {
    // words: you, dont (from don't), hate, birds (missing); @user is not a word
    float[] v = pool("@someone You DON'T hate birds");
    assertEquals(5, v.length);
    float[] mean = {(1 - 2 + 3) / 3f, (0 + 4 - 1) / 3f};
    assertArrayEquals(mean, new float[] {v[0], v[1]}, 1e-6f);
    assertArrayEquals(new float[] {3, 4}, new float[] {v[2], v[3]});
    assertEquals(0.25f, v[4], 1e-6f, "1 of 4 words missing");
  }

  @Test
  void aHashtagIsItsWordAndMaxPoolingKeepsNegatives() {
    float[] v = pool("#hate #hate");
    assertArrayEquals(new float[] {3, -1, 3, -1, 0}, v);
  }

  @Test
  void zerosWithoutAKnownWordAndNoOovWithoutWords() {
    assertArrayEquals(new float[] {0, 0, 0, 0, 1}, pool("birds bees"));
    assertArrayEquals(new float[] {0, 0, 0, 0, 0}, pool("@a @b !!!"));
  }

  @Test
  void namesTheFloats() {
    List<String> names = new PooledWordVectors(TABLE).featureNames();
    assertEquals(List.of("wv_mean_0", "wv_mean_1", "wv_max_0", "wv_max_1", "wv_oov_rate"), names);
  }
}
