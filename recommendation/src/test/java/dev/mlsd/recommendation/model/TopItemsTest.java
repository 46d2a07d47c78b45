package dev.mlsd.recommendation.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The top-k selection against a full sort, with ties, exclusions and fewer items than k. */
class TopItemsTest {

  /** The reference: every non-excluded item sorted by score descending, then index ascending. */
  static int[] bySort(float[] scores, boolean[] excluded, int k) {
    Integer[] ids =
        IntStream.range(0, scores.length)
            .filter(i -> excluded == null || !excluded[i])
            .boxed()
            .toArray(Integer[]::new);
    Arrays.sort(
        ids,
        Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(Integer::intValue));
    return Arrays.stream(ids).limit(k).mapToInt(Integer::intValue).toArray();
  }

  @Test
  void selectsTheSameItemsInTheSameOrderAsAFullSort() {
    SplittableRandom rnd = new SplittableRandom(17);
    TopItems top = new TopItems(300);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rnd.nextInt(2000);
      float[] scores = new float[n];
      boolean[] excluded = new boolean[n];
      // coarse scores make many ties (as EASE's zeros and trending's counts do)
      int levels = 1 + rnd.nextInt(50);
      for (int i = 0; i < n; i++) {
        scores[i] = rnd.nextInt(levels) - levels / 2f;
        excluded[i] = rnd.nextInt(5) == 0;
      }
      int k = 1 + rnd.nextInt(300);
      int[] out = new int[k];
      boolean[] mask = trial % 2 == 0 ? excluded : null;
      int got = top.select(scores, mask, k, out);
      int[] want = bySort(scores, mask, k);
      assertEquals(want.length, got, "trial " + trial);
      assertArrayEquals(want, Arrays.copyOf(out, got), "trial " + trial);
    }
  }

  @Test
  void returnsEveryEligibleItemWhenThereAreFewerThanK() {
    int[] out = new int[10];
    int got =
        new TopItems(10)
            .select(
                new float[] {0.5f, 2f, 1f, 2f}, new boolean[] {false, false, true, false}, 10, out);
    assertEquals(3, got);
    assertArrayEquals(new int[] {1, 3, 0}, Arrays.copyOf(out, got));
  }

  @Test
  void refusesAKAboveItsCapacity() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new TopItems(5).select(new float[8], null, 6, new int[6]));
  }
}
