package dev.mlsd.core.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class IdBitSetTest {
  @Test
  void addRemoveTestAndCount() {
    IdBitSet s = new IdBitSet(130);
    assertEquals(0, s.cardinality());
    for (int id : new int[] {0, 63, 64, 127, 128, 129}) {
      assertTrue(s.add(id));
    }
    assertFalse(s.add(64));
    assertEquals(6, s.cardinality());
    assertTrue(s.test(63) && s.test(129));
    assertFalse(s.test(1) || s.test(130) || s.test(-1) || s.test(Integer.MAX_VALUE));
    assertTrue(s.remove(63));
    assertFalse(s.remove(63));
    assertFalse(s.test(63));
    assertEquals(5, s.cardinality());
  }

  @Test
  void nextSetBitWalksTheIdsInOrder() {
    IdBitSet s = new IdBitSet(300);
    int[] ids = {3, 63, 64, 65, 191, 192, 299};
    for (int id : ids) {
      s.add(id);
    }
    int i = 0;
    for (int id = s.nextSetBit(0); id >= 0; id = s.nextSetBit(id + 1)) {
      assertEquals(ids[i++], id);
    }
    assertEquals(ids.length, i);
    assertEquals(-1, s.nextSetBit(300));
    assertEquals(-1, new IdBitSet(0).nextSetBit(0));
    assertEquals(191, s.nextSetBit(66));
  }

  @Test
  void ofCopiesAndCutsAtTheSize() {
    BitSet bits = new BitSet();
    bits.set(5);
    bits.set(70);
    bits.set(99); // past the size: dropped
    IdBitSet s = IdBitSet.of(bits, 71);
    bits.set(6); // later changes do not show
    assertEquals(2, s.cardinality());
    assertTrue(s.test(5) && s.test(70));
    assertFalse(s.test(6) || s.test(99));
    assertEquals(-1, s.nextSetBit(71));
    assertEquals(0, IdBitSet.of(new BitSet(), 1000).cardinality());
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new IdBitSet(-1));
    IdBitSet s = new IdBitSet(10);
    assertThrows(IllegalArgumentException.class, () -> s.add(10));
    assertThrows(IllegalArgumentException.class, () -> s.add(-1));
    assertThrows(IllegalArgumentException.class, () -> s.remove(10));
    assertThrows(IllegalArgumentException.class, () -> s.nextSetBit(-1));
    assertEquals(0, s.cardinality());
  }
}
