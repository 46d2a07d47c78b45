package dev.mlsd.recommendation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsd.recommendation.SyntheticMovieLens;
import dev.mlsd.recommendation.data.Catalog;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional collaborative block of the video features. */
class VideoFeaturesTest {

  @Test
  void appendsEachItemsEmbeddingAfterItsContentFeatures() throws Exception {
    Catalog cat = SyntheticMovieLens.create(20, 50, 10, 3).catalog();
    int k = 3;
    float[] emb = new float[cat.size() * k];
    for (int i = 0; i < emb.length; i++) {
      emb[i] = i * 0.01f;
    }
    VideoFeatures content = new VideoFeatures(cat, List.of());
    VideoFeatures both = new VideoFeatures(cat, List.of(), emb, k);
    assertEquals(0, content.embeddingDimension());
    assertEquals(k, both.embeddingDimension());
    assertEquals(content.dimension() + k, both.dimension());
    int d = content.dimension();
    for (int item = 0; item < cat.size(); item++) {
      float[] row = new float[both.dimension()];
      both.copy(item, row, 0);
      float[] want = new float[d];
      content.copy(item, want, 0);
      assertArrayEquals(want, Arrays.copyOf(row, d), "item " + item);
      assertArrayEquals(
          Arrays.copyOfRange(emb, item * k, item * k + k),
          Arrays.copyOfRange(row, d, d + k),
          "item " + item);
    }
  }

  @Test
  void refusesAnEmbeddingTableOfTheWrongShape() throws Exception {
    Catalog cat = SyntheticMovieLens.create(20, 50, 10, 3).catalog();
    assertThrows(
        IllegalArgumentException.class,
        () -> new VideoFeatures(cat, List.of(), new float[cat.size() * 2 + 1], 2));
    assertThrows(IllegalArgumentException.class, () -> new VideoFeatures(cat, List.of(), null, 2));
  }
}
