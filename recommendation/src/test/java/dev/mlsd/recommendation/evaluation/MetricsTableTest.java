package dev.mlsd.recommendation.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTableTest {
  private static MetricRow row(String name, int users) {
    return new MetricRow(
        name,
        "test",
        users,
        0.1,
        0.2,
        0.05,
        0.1234,
        0.06,
        0.3,
        0.04,
        0.2,
        Double.NaN,
        0.7,
        0.05,
        new ConfidenceInterval(0.1234, 0.1, 0.15, 0.95),
        new double[0],
        new double[0]);
  }

  @Test
  void aNameWiderThanTheColumnDoesNotShiftItsRowsFigures() {
    String text =
        MetricsTable.text(
            List.of(
                row("popularity", 534),
                row("generator: EASE top 256, recency-weighted (half-life 5)", 534),
                row("full pipeline", 61)));
    List<String> lines = text.lines().toList();
    assertEquals(4, lines.size());
    int figures = lines.get(1).indexOf(" 534 ");
    assertTrue(figures > 0, lines.get(1));
    // the users column ends at the same place on every row, the header's included
    int end = lines.get(0).indexOf("users") + "users".length();
    assertEquals(end, lines.get(1).indexOf("534") + 3, text);
    assertEquals(end, lines.get(2).indexOf("534") + 3, text);
    assertEquals(end, lines.get(3).indexOf(" 61") + 3, text);
    assertTrue(lines.get(2).startsWith("generator: EASE top 256, recency-weighted (half-life 5) "));
  }
}
