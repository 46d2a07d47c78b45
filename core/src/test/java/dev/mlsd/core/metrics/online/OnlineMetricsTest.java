package dev.mlsd.core.metrics.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OnlineMetricsTest {
  @Test
  void ratesByHand() {
    assertEquals(0.02, ClickThroughRate.compute(20, 1000), 1e-15);
    assertEquals(0.25, ClickThroughRate.compute(new boolean[] {true, false, false, false}));
    assertEquals(0.005, ConversionRate.compute(5, 1000), 1e-15);
    assertEquals(0.25, ConversionRate.perClick(5, 20), 1e-15);
    assertEquals(0.003, HideRate.compute(3, 1000), 1e-15);
    assertEquals(0.0001, Prevalence.compute(10, 100_000), 1e-15);
    // 90 found by the system first, 10 reported by users first.
    assertEquals(0.9, ProactiveRate.compute(90, 10), 1e-15);
    assertEquals(0.05, ValidAppealRate.compute(3, 60), 1e-15);
  }

  @Test
  void harmfulImpressionsWeighPostsByViews() {
    long[] impressions = {1_000_000, 3, 500};
    boolean[] harmful = {true, false, true};
    assertEquals(1_000_500L, HarmfulImpressions.compute(impressions, harmful));
  }

  /**
   * The book's chapter 10 worked example. The book prints the weights and the result 4.659; the
   * per-reaction probabilities (click 23%, like 48%, comment 12%, share 4%, friend request 0.1%,
   * hide 0.005%, block 0.0003%) are as we recall the book's table: they give 4.65885, which rounds
   * to the book's 4.659. We could not check the probabilities against a copy of the book here.
   */
  @Test
  void booksChapter10Example() {
    double[] p = {0.23, 0.48, 0.12, 0.04, 0.001, 0.00005, 0.000003};
    double score = WeightedEngagementScore.BOOK.score(p);
    assertEquals(4.65885, score, 1e-12);
    assertEquals(4.659, score, 0.0005);
    float[] f = {0.23f, 0.48f, 0.12f, 0.04f, 0.001f, 0.00005f, 0.000003f};
    assertEquals(4.65885, WeightedEngagementScore.BOOK.score(f), 1e-6);
  }

  @Test
  void bookWeights() {
    WeightedEngagementScore s = WeightedEngagementScore.BOOK;
    assertEquals(1, s.weight(WeightedEngagementScore.CLICK));
    assertEquals(5, s.weight(WeightedEngagementScore.LIKE));
    assertEquals(10, s.weight(WeightedEngagementScore.COMMENT));
    assertEquals(20, s.weight(WeightedEngagementScore.SHARE));
    assertEquals(30, s.weight(WeightedEngagementScore.FRIEND_REQUEST));
    assertEquals(-20, s.weight(WeightedEngagementScore.HIDE));
    assertEquals(-50, s.weight(WeightedEngagementScore.BLOCK));
    // A post users would only block scores below zero.
    assertEquals(-50, s.score(new double[] {0, 0, 0, 0, 0, 0, 1}));
  }

  @Test
  void refusesBadInput() {
    assertThrows(IllegalArgumentException.class, () -> ClickThroughRate.compute(1, 0));
    assertThrows(IllegalArgumentException.class, () -> ClickThroughRate.compute(5, 4));
    assertThrows(IllegalArgumentException.class, () -> ClickThroughRate.compute(-1, 4));
    assertThrows(IllegalArgumentException.class, () -> ClickThroughRate.compute(new boolean[0]));
    assertThrows(IllegalArgumentException.class, () -> ProactiveRate.compute(0, 0));
    assertThrows(IllegalArgumentException.class, () -> ProactiveRate.compute(-1, 5));
    assertThrows(IllegalArgumentException.class, () -> ProactiveRate.compute(5, -1));
    assertThrows(
        IllegalArgumentException.class,
        () -> HarmfulImpressions.compute(new long[] {-1}, new boolean[] {true}));
    assertThrows(
        IllegalArgumentException.class,
        () -> HarmfulImpressions.compute(new long[] {1}, new boolean[] {true, false}));
    assertThrows(
        IllegalArgumentException.class,
        () -> WeightedEngagementScore.BOOK.score(new double[] {0.1, 0.2}));
    assertThrows(
        IllegalArgumentException.class,
        () -> WeightedEngagementScore.BOOK.score(new double[] {0, 0, 0, 0, 0, 0, Double.NaN}));
    assertThrows(
        IllegalArgumentException.class,
        () -> WeightedEngagementScore.BOOK.score(new float[] {0, 0, 0, 0, 0, 0, 1.5f}));
    assertThrows(
        IllegalArgumentException.class,
        () -> new WeightedEngagementScore(new double[] {1, 1, 1, 1, 1, 1, Double.NaN}));
  }
}
