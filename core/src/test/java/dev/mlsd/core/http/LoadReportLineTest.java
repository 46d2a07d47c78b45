package dev.mlsd.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The load generator's report survives its trip from the generator's JVM to the server's. */
class LoadReportLineTest {
  @Test
  void everyFieldComesBackIncludingBothShedPercentilesAndAnErrorWithTabs() {
    LoadGenerator.Report r =
        new LoadGenerator.Report(
            1000, 120, 3, 60.5, 2000, 0.4, 5.1, 9.9, 41.0, 0.05, 2.5, "503\tthen\nreset", 9.75);
    LoadGenerator.Report back = LoadGenerator.Report.parse(r.toMachineLine());
    assertEquals(
        new LoadGenerator.Report(
            1000, 120, 3, 60.5, 2000, 0.4, 5.1, 9.9, 41.0, 0.05, 2.5, "503 then reset", 9.75),
        back);
  }
}
