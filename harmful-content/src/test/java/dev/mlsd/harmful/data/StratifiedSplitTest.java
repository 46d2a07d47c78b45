package dev.mlsd.harmful.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
  private static List<Post> posts() {
    List<Post> p = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      int c =
          i % 20 == 0 ? ThreeClass.HATE : i % 4 == 0 ? ThreeClass.NEITHER : ThreeClass.OFFENSIVE;
      p.add(new Post(i, "t" + i, 3, c == 0 ? 3 : 0, c == 1 ? 3 : 0, c == 2 ? 3 : 0, c));
    }
    return p;
  }

  @Test
  void keepsEachClassShareInEveryPartAndLosesNothing() {
    StratifiedSplit.Parts parts = StratifiedSplit.of(7).split(posts());
    assertEquals(800, parts.train().size());
    assertEquals(100, parts.validation().size());
    assertEquals(100, parts.test().size());
    for (List<Post> part : List.of(parts.train(), parts.validation(), parts.test())) {
      long hate = part.stream().filter(p -> p.authorsClass() == ThreeClass.HATE).count();
      assertEquals(part.size() / 20, hate);
    }
    Set<Integer> ids = new HashSet<>();
    parts.train().forEach(p -> ids.add(p.id()));
    parts.validation().forEach(p -> ids.add(p.id()));
    parts.test().forEach(p -> ids.add(p.id()));
    assertEquals(1000, ids.size());
  }

  @Test
  void sameSeedSameSplitOtherSeedOtherSplit() {
    List<Post> p = posts();
    assertEquals(StratifiedSplit.of(1).split(p).test(), StratifiedSplit.of(1).split(p).test());
    org.junit.jupiter.api.Assertions.assertNotEquals(
        StratifiedSplit.of(1).split(p).test(), StratifiedSplit.of(2).split(p).test());
  }

  @Test
  void refusesFractionsThatLeaveNoTest() {
    assertThrows(IllegalArgumentException.class, () -> new StratifiedSplit(0.9, 0.1, 1));
  }
}
