package dev.mlsd.core.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongSortTest {
  @Test
  void matchesArraysSortOnRandomSortedReversedAndRepeatedInputs() {
    SplittableRandom r = new SplittableRandom(3);
    for (int trial = 0; trial < 400; trial++) {
      int n = r.nextInt(0, 3000);
      long[] a = new long[n];
      int kind = trial % 4;
      for (int i = 0; i < n; i++) {
        a[i] =
            switch (kind) {
              case 0 -> r.nextLong();
              case 1 -> i;
              case 2 -> n - i;
              default -> r.nextInt(5) - 2;
            };
      }
      int from = n == 0 ? 0 : r.nextInt(0, n);
      int to = n == 0 ? 0 : r.nextInt(from, n + 1);
      long[] expected = a.clone();
      Arrays.sort(expected, from, to);
      LongSort.sort(a, from, to);
      assertArrayEquals(expected, a, "trial " + trial);
    }
  }
}
