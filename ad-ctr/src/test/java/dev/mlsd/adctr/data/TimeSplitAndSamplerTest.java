package dev.mlsd.adctr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSplitAndSamplerTest {
  static List<Impression> rows(int n, int clickEvery) {
    List<Impression> r = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      r.add(new Impression(i % clickEvery == 0, i, new float[0], new String[0]));
    }
    return r;
  }

  @Test
  void splitsInTimeOrderWithoutOverlap() {
    TimeSplit.Parts p = TimeSplit.DEFAULT.split(rows(100, 5));
    assertEquals(80, p.train().size());
    assertEquals(10, p.validation().size());
    assertEquals(10, p.test().size());
    assertEquals(79, p.train().getLast().time());
    assertEquals(80, p.validation().getFirst().time());
    assertEquals(90, p.test().getFirst().time());
    assertEquals("time-ordered 80/10/10", TimeSplit.DEFAULT.describe());
  }

  @Test
  void refusesUnorderedRowsAndBadFractions() {
    List<Impression> r = new ArrayList<>(rows(20, 5));
    r.set(3, new Impression(false, 100, new float[0], new String[0]));
    assertThrows(IllegalArgumentException.class, () -> TimeSplit.DEFAULT.split(r));
    assertThrows(IllegalArgumentException.class, () -> new TimeSplit(0.9, 0.2));
    assertThrows(IllegalArgumentException.class, () -> new TimeSplit(0, 0.1));
    assertThrows(IllegalArgumentException.class, () -> TimeSplit.DEFAULT.split(rows(3, 2)));
  }

  @Test
  void downSamplingKeepsEveryClickAndAboutRateOfTheRest() {
    List<Impression> all = rows(20_000, 10);
    List<Impression> kept = new NegativeDownsampler(0.25, 7).sample(all);
    long clicks = kept.stream().filter(Impression::clicked).count();
    long negatives = kept.size() - clicks;
    assertEquals(2000, clicks);
    assertEquals(0.25, negatives / 18_000.0, 0.02);
    for (int i = 1; i < kept.size(); i++) {
      assertTrue(kept.get(i).time() > kept.get(i - 1).time());
    }
    assertEquals(kept, new NegativeDownsampler(0.25, 7).sample(all));
    assertThrows(IllegalArgumentException.class, () -> new NegativeDownsampler(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new NegativeDownsampler(1.5, 1));
  }
}
