package dev.mlsd.core.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every generator's rank and score survives de-duplication, for a fusion layer. */
class CandidatesFusionTest {

  @Test
  void aDuplicateIdKeepsBothGeneratorsRankAndScore() {
    Candidates c = new Candidates(8, 0, 2);
    c.reset();
    c.beginSource(0);
    assertTrue(c.add(10, 0.9f));
    assertTrue(c.add(20, 0.8f));
    c.beginSource(1);
    assertTrue(c.add(30, 5f)); // rank 0 of generator 1
    assertFalse(c.add(20, 4f)); // rank 1 of generator 1: a duplicate, no new row

    assertEquals(3, c.size());
    // the default view is unchanged: the first generator's entry wins
    assertEquals(0, c.source(pos(c, 20)));
    assertEquals(0.8f, c.retrievalScore(pos(c, 20)));
    // every generator's view
    int p20 = pos(c, 20);
    assertEquals(1, c.generatorRank(p20, 0));
    assertEquals(0.8f, c.generatorScore(p20, 0));
    assertEquals(1, c.generatorRank(p20, 1));
    assertEquals(4f, c.generatorScore(p20, 1));
    int p10 = pos(c, 10);
    assertEquals(0, c.generatorRank(p10, 0));
    assertEquals(-1, c.generatorRank(p10, 1));
    assertTrue(Float.isNaN(c.generatorScore(p10, 1)));
    int p30 = pos(c, 30);
    assertEquals(-1, c.generatorRank(p30, 0));
    assertEquals(0, c.generatorRank(p30, 1));
    // the primitive arrays by row
    assertEquals(2, c.generatorCount());
    assertEquals(1, c.generatorRanks()[c.row(p20) * 2 + 1]);
    assertEquals(4f, c.generatorScores()[c.row(p20) * 2 + 1]);
  }

  @Test
  void aGeneratorRepeatingAnIdKeepsItsFirstRank() {
    Candidates c = new Candidates(4, 0, 1);
    c.reset();
    c.beginSource(0);
    c.add(7, 3f);
    c.add(7, 1f);
    assertEquals(1, c.size());
    assertEquals(0, c.generatorRank(0, 0));
    assertEquals(3f, c.generatorScore(0, 0));
  }

  @Test
  void slotsFollowTheirRowThroughFilteringAndSorting() {
    Candidates c = new Candidates(8, 0, 2);
    c.reset();
    c.beginSource(0);
    c.add(1, 1f);
    c.add(2, 2f);
    c.add(3, 3f);
    c.beginSource(1);
    c.add(3, 30f);
    c.compact(new boolean[] {false, true, true});
    assertEquals(2, c.size());
    assertEquals(2, c.id(0));
    assertEquals(-1, c.generatorRank(0, 1));
    assertEquals(3, c.id(1));
    assertEquals(2, c.generatorRank(1, 0));
    assertEquals(0, c.generatorRank(1, 1));
    assertEquals(30f, c.generatorScore(1, 1));
    c.setScore(0, 0f);
    c.setScore(1, 1f);
    c.sortByScore();
    assertEquals(3, c.id(0));
    assertEquals(30f, c.generatorScore(0, 1));
  }

  @Test
  void aResetForgetsTheLastRequestsSlots() {
    Candidates c = new Candidates(4, 0, 2);
    c.reset();
    c.beginSource(1);
    c.add(5, 2f);
    c.reset();
    c.beginSource(0);
    c.add(5, 1f);
    assertEquals(0, c.generatorRank(0, 0));
    assertEquals(-1, c.generatorRank(0, 1));
  }

  @Test
  void badGeneratorIndexesAreRefused() {
    Candidates c = new Candidates(4, 0, 2);
    assertThrows(IllegalArgumentException.class, () -> c.beginSource(-1));
    assertThrows(IllegalArgumentException.class, () -> new Candidates(4, 0, 0));
    c.reset();
    c.add(1, 1f);
    assertThrows(IndexOutOfBoundsException.class, () -> c.generatorRank(0, 2));
  }

  @Test
  void thePipelineGivesEachGeneratorItsSlot() {
    ServingPipeline<Integer> p =
        ServingPipeline.<Integer>builder("fusion")
            .candidateGenerator(
                (q, out) -> {
                  out.add(1, 0.5f);
                  out.add(2, 0.4f);
                })
            .candidateGenerator(
                (q, out) -> {
                  out.add(2, 9f);
                  out.add(1, 8f);
                })
            .ranker((q, c) -> {})
            .build();
    Candidates c = p.run(0, 2);
    assertEquals(2, c.generatorCount());
    int p1 = pos(c, 1);
    assertEquals(0, c.generatorRank(p1, 0));
    assertEquals(1, c.generatorRank(p1, 1));
    assertEquals(8f, c.generatorScore(p1, 1));
  }

  private static int pos(Candidates c, int id) {
    for (int p = 0; p < c.size(); p++) {
      if (c.id(p) == id) {
        return p;
      }
    }
    throw new AssertionError("id " + id + " not in the list");
  }
}
