package dev.mlsd.core.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VisitedSetTest {
  @Test
  void visitMarksOnceAndResetForgetsEveryMark() {
    VisitedSet seen = new VisitedSet();
    seen.reset(200);
    for (int id : new int[] {0, 63, 64, 127, 128, 199}) {
      assertTrue(seen.visit(id), "first visit of " + id);
      assertFalse(seen.visit(id), "second visit of " + id);
      assertTrue(seen.contains(id));
    }
    assertFalse(seen.contains(1) || seen.contains(62) || seen.contains(65) || seen.contains(198));
    seen.reset(200);
    for (int id = 0; id < 200; id++) {
      assertFalse(seen.contains(id), "still marked after reset: " + id);
    }
    assertTrue(seen.visit(64));
  }

  @Test
  void matchesABitSetOverManyWalksOfGrowingGraphs() {
    SplittableRandom random = new SplittableRandom(7);
    VisitedSet seen = new VisitedSet();
    int size = 10;
    for (int walk = 0; walk < 200; walk++) {
      size += random.nextInt(50); // the graph grows between walks, as it does while building
      seen.reset(size);
      BitSet expected = new BitSet(size);
      int visits = random.nextInt(3 * size); // some walks mark most nodes, past the list's start
      for (int v = 0; v < visits; v++) {
        int id = random.nextInt(size);
        assertEquals(!expected.get(id), seen.visit(id), "walk " + walk + ", id " + id);
        expected.set(id);
      }
      for (int id = 0; id < size; id++) {
        assertEquals(expected.get(id), seen.contains(id), "walk " + walk + ", id " + id);
      }
    }
  }
}
