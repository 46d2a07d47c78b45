package dev.mlsd.harmful.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The word-vector adoption rule at its boundaries. */
class WordVectorVerdictTest {
  private static WordVectorVerdict of(double[][] differences) {
    WordVectorVerdict v = new WordVectorVerdict();
    for (double[] d : differences) {
      v.network(new double[] {0.40, 0.75}, new double[] {0.40 + d[0], 0.75 + d[1]});
    }
    return v;
  }

  @Test
  void adoptsOnPrAucWhenEverySeedGainsAndTheMeanClearsTheMargin() {
    assertTrue(of(new double[][] {{0.02, 0}, {0.01, 0}, {0.02, -0.01}}).adopted());
    assertFalse(of(new double[][] {{0.04, 0}, {-0.001, 0}, {0.02, 0}}).adopted(), "one seed lost");
    assertFalse(of(new double[][] {{0.014, 0}, {0.014, 0}, {0.014, 0}}).adopted(), "under margin");
    assertFalse(
        of(new double[][] {{0.02, -0.006}, {0.02, -0.006}, {0.02, -0.006}}).adopted(),
        "macro-F1 lost more than the tolerance");
  }

  @Test
  void adoptsOnMacroF1TooAndNeverWithoutSeeds() {
    assertTrue(of(new double[][] {{0, 0.011}, {-0.004, 0.01}, {0, 0.012}}).adopted());
    assertFalse(of(new double[][] {{-0.01, 0.02}, {-0.01, 0.02}, {0, 0.02}}).adopted());
    assertFalse(new WordVectorVerdict().adopted());
  }

  @Test
  void reportsTheMeansAndTheVerdict() {
    WordVectorVerdict v = of(new double[][] {{0.01, 0.002}, {0.03, 0.004}});
    assertEquals(0.02, v.mean(0), 1e-12);
    assertEquals(0.003, v.mean(1), 1e-12);
    assertTrue(v.report().getLast().contains("ADOPT"));
  }
}
