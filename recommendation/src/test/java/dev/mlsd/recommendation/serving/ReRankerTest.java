package dev.mlsd.recommendation.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsd.core.serving.Candidates;
import dev.mlsd.recommendation.data.Catalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each re-ranking rule on a hand-made ranked list whose answer can be worked out by hand. */
class ReRankerTest {
  // genres: bit 0 = Action, bit 1 = Comedy, bit 2 = Drama
  static final Catalog CATALOG =
      new Catalog(
          new int[] {10, 11, 12, 13, 14, 15},
          new String[] {
            "Rocky (1976)",
            "Rocky II (1979)",
            "Rocky III (1982)",
            "Airplane! (1980)",
            "Heat (1995)",
            "Toy Story (1995)"
          },
          new int[] {0b100, 0b100, 0b100, 0b010, 0b001, 0b010},
          new int[] {1976, 1979, 1982, 1980, 1995, 1995},
          List.of("Action", "Comedy", "Drama"));

  /** A ranked list (scores descending), as the pipeline hands it to the re-rankers. */
  static Candidates ranked(int[] ids, float[] scores) {
    Candidates c = new Candidates(16, 0);
    for (int i = 0; i < ids.length; i++) {
      c.add(ids[i], 0f);
      c.setScore(i, scores[i]);
    }
    return c;
  }

  static int[] ids(Candidates c) {
    int[] out = new int[c.size()];
    for (int p = 0; p < out.length; p++) {
      out[p] = c.id(p);
    }
    return out;
  }

  @Test
  void franchiseCapKeepsAtMostCapPerSeries() {
    // the three Rocky films share the key "rocky"; with cap 2 the third one is dropped
    int[] franchise = {0, 0, 0, 1, 2, 3};
    Candidates c = ranked(new int[] {0, 1, 2, 3, 4}, new float[] {0.9f, 0.8f, 0.7f, 0.6f, 0.5f});
    new FranchiseCapReRanker(franchise, 2).reRank(null, c, 4);
    assertArrayEquals(new int[] {0, 1, 3, 4}, ids(c));
  }

  @Test
  void franchiseCapLeavesTheTailBeyondKAlone() {
    int[] franchise = {0, 0, 0, 1, 2, 3};
    Candidates c = ranked(new int[] {0, 3, 1, 2}, new float[] {0.9f, 0.8f, 0.7f, 0.6f});
    new FranchiseCapReRanker(franchise, 1).reRank(null, c, 2);
    // positions 0 and 1 are distinct franchises: nothing to remove within k = 2
    assertArrayEquals(new int[] {0, 3, 1, 2}, ids(c));
  }

  @Test
  void mmrWithLambdaOneKeepsTheRankedOrder() {
    Candidates c = ranked(new int[] {0, 1, 2, 3}, new float[] {0.9f, 0.8f, 0.7f, 0.1f});
    new MmrDiversityReRanker(CATALOG, 1.0, 10).reRank(null, c, 3);
    assertArrayEquals(new int[] {0, 1, 2, 3}, ids(c));
  }

  @Test
  void mmrPullsADifferentGenreUp() {
    // three dramas then a comedy: relevance scaled over the window is 1, 0.875, 0.75, 0.
    // slot 1 with lambda 0.5: dramas score 0.5*0.875 - 0.5*1 < 0, the comedy 0.5*0 - 0 = 0
    Candidates c = ranked(new int[] {0, 1, 2, 3}, new float[] {0.9f, 0.8f, 0.7f, 0.1f});
    new MmrDiversityReRanker(CATALOG, 0.5, 10).reRank(null, c, 2);
    assertArrayEquals(new int[] {0, 3, 1, 2}, ids(c));
  }

  @Test
  void freshnessBoostLiftsTheNewerFilm() {
    // request in 1996, horizon 20 years, weight 0.1: Heat (1995) gains 0.1 * 19/20 = 0.095,
    // Rocky (1976) gains 0.1 * 0 = 0, Airplane! (1980) 0.1 * 4/20 = 0.02
    Candidates c = ranked(new int[] {0, 3, 4}, new float[] {0.50f, 0.47f, 0.45f});
    long seconds1996 = 820_454_400L; // 1996-01-01T00:00:00Z
    new FreshnessBoost(CATALOG, 0.1f, 20).reRank(c, seconds1996);
    assertArrayEquals(new int[] {4, 0, 3}, ids(c));
    assertEquals(0.545f, c.score(0), 1e-6f);
    assertEquals(0.50f, c.score(1), 1e-6f);
    assertEquals(0.49f, c.score(2), 1e-6f);
  }

  @Test
  void freshnessBoostOfZeroChangesNothing() {
    Candidates c = ranked(new int[] {0, 3, 4}, new float[] {0.50f, 0.48f, 0.45f});
    new FreshnessBoost(CATALOG, 0f, 20).reRank(c, 820_454_400L);
    assertArrayEquals(new int[] {0, 3, 4}, ids(c));
  }

  @Test
  void yearOfMatchesJavaTime() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
    long[] edges = {0L, -1L, 951_868_799L, 951_868_800L, 978_307_199L, 978_307_200L};
    for (long s : edges) {
      assertEquals(
          java.time.Instant.ofEpochSecond(s).atZone(java.time.ZoneOffset.UTC).getYear(),
          FreshnessBoost.yearOf(s),
          "at " + s);
    }
    for (int i = 0; i < 10_000; i++) {
      long s = rnd.nextLong(-3_000_000_000L, 5_000_000_000L);
      assertEquals(
          java.time.Instant.ofEpochSecond(s).atZone(java.time.ZoneOffset.UTC).getYear(),
          FreshnessBoost.yearOf(s),
          "at " + s);
    }
  }

  @Test
  void rulesRefuseBadParameters() {
    assertThrows(IllegalArgumentException.class, () -> new FranchiseCapReRanker(new int[1], 0));
    assertThrows(IllegalArgumentException.class, () -> new MmrDiversityReRanker(CATALOG, 1.5, 5));
    assertThrows(IllegalArgumentException.class, () -> new MmrDiversityReRanker(CATALOG, 0.5, 0));
    assertThrows(IllegalArgumentException.class, () -> new FreshnessBoost(CATALOG, -1f, 10));
    assertThrows(IllegalArgumentException.class, () -> new FreshnessBoost(CATALOG, 0.1f, 0));
  }
}
