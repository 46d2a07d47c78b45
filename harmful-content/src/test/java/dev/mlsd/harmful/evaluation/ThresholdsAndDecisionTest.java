package dev.mlsd.harmful.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.metrics.classification.PrecisionRecallCurve;
import dev.mlsd.harmful.data.ThreeClass;
import dev.mlsd.harmful.serving.EnforcementThresholds;
import org.junit.jupiter.api.Test;

class ThresholdsAndDecisionTest {
  // scores high to low: + + - + - -  => precision at each threshold 1, 1, 2/3, 3/4, 3/5, 1/2
  private static final float[] S = {0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f};
  private static final boolean[] Y = {true, true, false, true, false, false};

  @Test
  void lowestThresholdReachingTheTargetPrecision() {
    PrecisionRecallCurve c = PrecisionRecallCurve.compute(S, Y);
    assertEquals(0.8f, ThresholdSelection.forPrecision(c, 1.0));
    assertEquals(0.6f, ThresholdSelection.forPrecision(c, 0.75));
    assertEquals(0.5f, ThresholdSelection.forPrecision(c, 0.6));
    assertEquals(0.4f, ThresholdSelection.forPrecision(c, 0.5));
  }

  @Test
  void anUnreachableTargetNeverFires() {
    PrecisionRecallCurve c =
        PrecisionRecallCurve.compute(new float[] {0.9f, 0.1f}, new boolean[] {false, true});
    assertEquals(Float.POSITIVE_INFINITY, ThresholdSelection.forPrecision(c, 0.9));
  }

  @Test
  void enforcementThresholdsPerCategory() {
    EnforcementThresholds t =
        ThresholdSelection.enforcement(
            new float[][] {S, S},
            new boolean[][] {Y, Y},
            new PrecisionTargets(1.0, 0.6, 0.75, 0.5));
    assertArrayEquals(new float[] {0.8f, 0.6f}, t.high());
    assertArrayEquals(new float[] {0.5f, 0.4f}, t.low());
  }

  @Test
  void threeClassRuleChecksHateFirstAndBoundariesAreInclusive() {
    ThreeClassDecision d = new ThreeClassDecision(0.3f, 0.6f);
    assertEquals(ThreeClass.HATE, d.decide(0.3f, 0.9f));
    assertEquals(ThreeClass.OFFENSIVE, d.decide(0.29f, 0.6f));
    assertEquals(ThreeClass.NEITHER, d.decide(0.29f, 0.59f));
  }

  @Test
  void fittedDecisionSeparatesASeparableValidationSet() {
    float[][] p = {{0.9f, 0.1f, 0.2f, 0.05f}, {0.5f, 0.9f, 0.1f, 0.8f}};
    int[] y = {ThreeClass.HATE, ThreeClass.OFFENSIVE, ThreeClass.NEITHER, ThreeClass.OFFENSIVE};
    ThreeClassDecision d = ThreeClassDecision.fit(p, y);
    assertArrayEquals(y, d.decideAll(p));
  }

  @Test
  void harmScoreRuleSendsAHatePostBelowTheHateThresholdToOffensiveNotNeither() {
    ThreeClassDecision head = new ThreeClassDecision(0.5f, 0.5f);
    ThreeClassDecision harm =
        new ThreeClassDecision(0.5f, 0.5f, ThreeClassDecision.Rule.HARM_SCORE);
    // the offensive head is low on hate posts: p(hate) 0.4, p(offensive) 0.2
    assertEquals(ThreeClass.NEITHER, head.decide(0.4f, 0.2f));
    assertEquals(ThreeClass.OFFENSIVE, harm.decide(0.4f, 0.2f));
    // p(hate) + p(offensive) = 0.5 exactly: inclusive
    assertEquals(ThreeClass.OFFENSIVE, harm.decide(0.25f, 0.25f));
    assertEquals(ThreeClass.NEITHER, harm.decide(0.2f, 0.29f));
    assertEquals(ThreeClass.HATE, harm.decide(0.5f, 0.0f));
  }

  @Test
  void fittedHarmScoreRuleSeparatesWhatTheHeadRuleCannot() {
    // post 1 is offensive by the authors but scores like the hate post 0 on the offensive head
    float[][] p = {{0.9f, 0.35f, 0.05f, 0.05f}, {0.05f, 0.1f, 0.3f, 0.8f}};
    int[] y = {ThreeClass.HATE, ThreeClass.OFFENSIVE, ThreeClass.NEITHER, ThreeClass.OFFENSIVE};
    ThreeClassDecision d = ThreeClassDecision.fit(p, y, ThreeClassDecision.Rule.HARM_SCORE);
    assertArrayEquals(y, d.decideAll(p));
    assertEquals(ThreeClassDecision.Rule.HARM_SCORE, d.rule());
  }

  @Test
  void crossFittedMacroF1IsPerfectOnASeparableSetAndHonestWhenTheHalvesDisagree() {
    int[] y = {
      ThreeClass.HATE,
      ThreeClass.HATE,
      ThreeClass.OFFENSIVE,
      ThreeClass.OFFENSIVE,
      ThreeClass.NEITHER,
      ThreeClass.NEITHER
    };
    // both halves score alike, so the thresholds fitted on one separate the other
    float[][] separable = {
      {0.9f, 0.9f, 0.1f, 0.1f, 0.0f, 0.0f}, {0.5f, 0.5f, 0.9f, 0.9f, 0.1f, 0.1f}
    };
    assertEquals(
        1.0,
        ThreeClassDecision.crossFittedMacroF1(separable, y, ThreeClassDecision.Rule.OFFENSIVE_HEAD),
        1e-12);
    // the first hate post scores high, the second (the other half) low: a threshold fitted on
    // either half misses the other's hate post, which a fit on all posts would not show
    float[][] disagree = {{0.9f, 0.05f, 0.1f, 0.1f, 0.0f, 0.0f}, separable[1]};
    ThreeClassDecision inPlace = ThreeClassDecision.fit(disagree, y);
    double fittedInPlace =
        dev.mlsd.core.metrics.classification.MulticlassF1.macro(
            inPlace.decideAll(disagree), y, ThreeClass.COUNT);
    double crossFitted =
        ThreeClassDecision.crossFittedMacroF1(disagree, y, ThreeClassDecision.Rule.OFFENSIVE_HEAD);
    assertTrue(crossFitted < fittedInPlace);
  }
}
