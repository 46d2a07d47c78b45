package dev.mlsd.recommendation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeSplitTest {
  static final String MOVIES =
      "movieId,title,genres\n"
          + "1,Toy Story (1995),Adventure|Animation\n"
          + "2,\"American President, The (1995)\",Comedy|Drama|Romance\n"
          + "3,Toy Story 2 (1999),Animation\n"
          + "4,Heat (1995),Action\n"
          + "5,No Year,(no genres listed)\n";

  /** User 7 rates 10 films (times 100..1000), user 9 rates 3. */
  static String ratings() {
    StringBuilder sb = new StringBuilder("userId,movieId,rating,timestamp\n");
    for (int i = 0; i < 10; i++) {
      sb.append("7,").append(1 + i % 5).append(",4.0,").append(1000 - i * 100).append('\n');
    }
    sb.append("9,1,5.0,50\n9,2,1.0,60\n9,3,3.0,70\n");
    return sb.toString();
  }

  @Test
  void splitsEachUserByTimeAndHoldsOutColdUsers() throws Exception {
    MovieLensData d = MovieLensLoader.fromText(MOVIES, ratings(), "userId,movieId,tag,timestamp\n");
    Interactions log = d.interactions();
    assertEquals(2, log.userCount());
    int u7 = log.userOf(7);
    // rows are in time order whatever the file order
    for (int r = log.start(u7) + 1; r < log.end(u7); r++) {
      assertTrue(log.timestamp(r) >= log.timestamp(r - 1));
    }
    TimeSplit s = new TimeSplit(log, new TimeSplit.Params(0.2, 0.1, 0.0, 1, 1));
    // 10 rows: 2 test, 1 validation, 7 train
    assertEquals(log.start(u7) + 7, s.trainEnd(u7));
    assertEquals(log.start(u7) + 8, s.valEnd(u7));
    assertEquals(900, s.testTime(u7));
    assertEquals(800, s.validationTime(u7));
    int u9 = log.userOf(9);
    // 3 rows: at least one of each part
    assertEquals(log.start(u9) + 1, s.trainEnd(u9));
    assertEquals(log.start(u9) + 2, s.valEnd(u9));
    assertFalse(s.isCold(u9));
  }

  @Test
  void coldUsersContributeNoTrainingRows() throws Exception {
    MovieLensData d = MovieLensLoader.fromText(MOVIES, ratings(), "userId,movieId,tag,timestamp\n");
    TimeSplit s = new TimeSplit(d.interactions(), new TimeSplit.Params(0.2, 0.1, 0.5, 2, 3));
    assertEquals(1, s.coldCount());
    for (int u = 0; u < 2; u++) {
      if (s.isCold(u)) {
        assertEquals(d.interactions().start(u), s.trainEnd(u));
        assertEquals(d.interactions().start(u) + 2, s.valEnd(u));
      }
    }
  }

  @Test
  void refusesBadParametersAndTooShortUsers() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> new TimeSplit.Params(0, 0.1, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new TimeSplit.Params(0.6, 0.5, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new TimeSplit.Params(0.2, 0.1, 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new TimeSplit.Params(0.2, 0.1, 0, 0, 1));
    MovieLensData d =
        MovieLensLoader.fromText(
            MOVIES,
            "userId,movieId,rating,timestamp\n1,1,4,1\n1,2,4,2\n",
            "userId,movieId,tag,timestamp\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TimeSplit(d.interactions(), TimeSplit.Params.defaults()));
    assertTrue(e.getMessage().contains("only 2 rows"), e.getMessage());
  }

  @Test
  void coldOffsetsCutTheUsersIntoDisjointFoldsStartingWithTheDefaultHoldOut() throws Exception {
    MovieLensData d = dev.mlsd.recommendation.SyntheticMovieLens.create(40, 60, 12, 3);
    Interactions log = d.interactions();
    TimeSplit.Params p = new TimeSplit.Params(0.2, 0.1, 0.25, 5, 9);
    TimeSplit shipped = new TimeSplit(log, p);
    int[] foldOf = new int[log.userCount()];
    java.util.Arrays.fill(foldOf, -1);
    for (int k = 0; k < 4; k++) {
      TimeSplit s = new TimeSplit(log, p.withColdOffset(k * 10));
      assertEquals(10, s.coldCount());
      for (int u = 0; u < log.userCount(); u++) {
        if (s.isCold(u)) {
          assertEquals(-1, foldOf[u], "user " + u + " in two folds");
          foldOf[u] = k;
          assertEquals(s.trainEnd(u), log.start(u), "a cold user contributes no training row");
        }
        if (k == 0) {
          assertEquals(shipped.isCold(u), s.isCold(u), "fold 0 is the default hold-out");
        }
      }
    }
    for (int u = 0; u < log.userCount(); u++) {
      assertTrue(foldOf[u] >= 0, "user " + u + " in no fold");
    }
    // past the end the offset wraps around
    TimeSplit wrapped = new TimeSplit(log, p.withColdOffset(35));
    assertEquals(10, wrapped.coldCount());
    assertThrows(IllegalArgumentException.class, () -> p.withColdOffset(-1));
  }
}
