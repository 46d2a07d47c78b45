package dev.mlsd.harmful.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InverseDocumentFrequencyTest {
  // three posts over 4 buckets: {0, 0, 1}, {0, 2}, {0}; bucket 3 never seen
  private static final EncodedPosts POSTS =
      new EncodedPosts(
          3, 4, 0, new int[] {0, 3, 5, 6}, new int[] {0, 0, 1, 0, 2, 0}, new float[0], 0);

  @Test
  void smoothedIdfCountsPostsNotOccurrencesAndHasMeanOneOverTheIds() {
    float[] w = InverseDocumentFrequency.fit(POSTS);
    double idf0 = Math.log(4.0 / 4) + 1; // in all 3 posts (twice in the first)
    double idf1 = Math.log(4.0 / 2) + 1; // in 1 post
    double idf3 = Math.log(4.0 / 1) + 1; // in none
    double mean = (4 * idf0 + 2 * idf1) / 6; // ids: 0 four times, 1 and 2 once each
    assertEquals(idf0 / mean, w[0], 1e-6);
    assertEquals(idf1 / mean, w[1], 1e-6);
    assertEquals(w[1], w[2], 0f);
    assertEquals(idf3 / mean, w[3], 1e-6);
    double sum = 0;
    for (int id : POSTS.ids()) {
      sum += w[id];
    }
    assertEquals(1.0, sum / POSTS.ids().length, 1e-6);
    assertTrue(w[3] > w[1] && w[1] > w[0], "rarer is heavier");
  }
}
