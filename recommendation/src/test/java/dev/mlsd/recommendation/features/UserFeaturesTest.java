package dev.mlsd.recommendation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsd.recommendation.data.Catalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request-time user vector and the reusable request, worked out by hand. */
class UserFeaturesTest {

  /** Two videos: 0 (genre A, 1990, embedding 1), 1 (genres A and B, 2020, embedding 3). */
  static final Catalog CATALOG =
      new Catalog(
          new int[] {10, 20},
          new String[] {"Zero (1990)", "One (2020)"},
          new int[] {0b01, 0b11},
          new int[] {1990, 2020},
          List.of("A", "B"));

  @Test
  void encodesAHistoryByHand() {
    UserFeatures f = new UserFeatures(CATALOG, new float[] {1, 3}, 1);
    // 2k + 2 genres x 2 + 5 activity + 1 year + 6 hours + 7 days + k recent
    assertEquals(2 + 4 + 5 + 1 + 6 + 7 + 1, f.dimension());
    float[] out = new float[f.dimension()];
    // watched 0 (5 stars, liked) then 1 (2 stars); last watch a day before now; now = Monday 13:00
    long now = 4 * 86400L + 13 * 3600L; // 1970-01-05 was a Monday
    f.encode(new int[] {0, 1}, new float[] {5, 2}, 2, now - 86400, now, out);
    float[] expected = new float[f.dimension()];
    expected[0] = 2f; // mean embedding of the watched
    expected[1] = 1f; // of the liked
    expected[2] = 1f; // genre A: both watched
    expected[3] = 0.5f; // genre B: one of two
    expected[4] = 1f; // liked genre A
    expected[5] = 0f; // liked genre B
    expected[6] = (float) (Math.log1p(2) / 8);
    expected[7] = (float) (Math.log1p(1) / 8);
    expected[8] = 0.7f; // mean stars 3.5 / 5
    expected[9] = 0.5f; // liked share
    expected[10] = (float) (Math.log1p(1) / 8); // one day since the last watch
    expected[11] = 0.5f; // mean year 2005: (2005 - 1990) / 30
    expected[12 + 3] = 1f; // 13:00 is in the fourth four-hour bucket
    expected[18] = 1f; // Monday
    // recent watches: the newest (item 1, embedding 3) counts 1, the one before 0.5^(1/3)
    double older = Math.pow(0.5, 1 / UserFeatures.RECENT_HALF_LIFE);
    expected[25] = (float) ((3 + older * 1) / (1 + older));
    assertArrayEquals(expected, out, 1e-6f);
  }

  @Test
  void anEmptyHistoryHasOnlyItsContext() {
    UserFeatures f = new UserFeatures(CATALOG, new float[] {1, 3}, 1);
    float[] out = new float[f.dimension()];
    java.util.Arrays.fill(out, 9f);
    f.encode(new int[0], new float[0], 0, 0, 0, out); // 1970-01-01 00:00, a Thursday
    float sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += out[i];
    }
    assertEquals(0f, sum);
    assertEquals(1f, out[12]);
    assertEquals(1f, out[18 + 3]);
    assertThrows(
        IllegalArgumentException.class,
        () -> f.encode(new int[] {2}, new float[] {4}, 1, 0, 0, out));
    assertThrows(IllegalArgumentException.class, () -> new UserFeatures(CATALOG, new float[3], 1));
  }

  @Test
  void aRequestGrowsAndCopies() {
    UserRequest r = new UserRequest(1).reset(7, 100);
    r.add(1, 4f, 50).add(0, 3f, 40).add(1, 5f, 60);
    assertEquals(3, r.length);
    assertEquals(60, r.lastSeconds);
    UserRequest c = new UserRequest(1).copyFrom(r);
    assertEquals(7, c.user);
    assertEquals(100, c.nowSeconds);
    assertEquals(60, c.lastSeconds);
    assertArrayEquals(new int[] {1, 0, 1}, java.util.Arrays.copyOf(c.items, 3));
    assertArrayEquals(new float[] {4, 3, 5}, java.util.Arrays.copyOf(c.ratings, 3));
    r.reset(-1, 5);
    assertEquals(0, r.length);
    assertEquals(0, r.lastSeconds);
  }
}
