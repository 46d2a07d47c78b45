package dev.mlsd.harmful.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {
  private static ConfidenceInterval ci(double e, double lo, double hi) {
    return new ConfidenceInterval(e, lo, hi, 0.95);
  }

  private static ModelMetrics withMacroF1(String name, ConfidenceInterval macro) {
    return new ModelMetrics(
        name, List.of(), macro, macro, 0.4, 0.4, 0.4, new ThreeClassDecision(0.5f, 0.5f));
  }

  @Test
  void aDifferenceIsAboveInsideOrBelowTheNoiseByWhereItsIntervalLies() {
    assertEquals("above the noise", ComparisonTable.noise(ci(0.03, 0.001, 0.06)));
    assertEquals("inside the noise", ComparisonTable.noise(ci(-0.012, -0.062, 0.050)));
    assertEquals("inside the noise", ComparisonTable.noise(ci(0.02, 0.0, 0.05)));
    assertEquals("below, beyond the noise", ComparisonTable.noise(ci(-0.119, -0.188, -0.036)));
    assertEquals(
        "-0.012 [-0.062, 0.050] (inside the noise; the goal is above it)",
        ComparisonTable.difference(ci(-0.012, -0.062, 0.050)));
  }

  @Test
  void anchorRowsPutHeldOutBesideTheGoalAndInSampleBesideTheAuthors() {
    ModelMetrics lr = withMacroF1("lr", ci(0.730, 0.704, 0.756));
    ModelMetrics net = withMacroF1("net", ci(0.741, 0.716, 0.766));
    InSampleAnchor in = new InSampleAnchor(24783, 0.8021, 0.916, new double[] {0.57, 0.95, 0.89});
    List<List<String>> rows = ComparisonTable.anchorRows(lr, net, in);
    assertEquals(
        List.of(
            "held out (test split)",
            ">= 0.77 (issue 14)",
            "not reported",
            "0.730 [0.704, 0.756]",
            "0.741 [0.716, 0.766]"),
        rows.get(0));
    assertEquals("0.77 (0.777 unrounded)", rows.get(1).get(2));
    assertEquals("0.802 (24783 posts)", rows.get(1).get(3));
    assertEquals("not run (--quick)", ComparisonTable.anchorRows(lr, net, null).get(1).get(3));
    assertEquals(ComparisonTable.ANCHOR_HEADER.size(), rows.get(1).size());
  }
}
