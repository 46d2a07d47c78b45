package dev.mlsd.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.report.Report;
import dev.mlsd.core.report.ReportIndex;
import dev.mlsd.core.results.ResultsFile;
import dev.mlsd.core.results.ResultsSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The checks every module's {@code --quick} demo test makes on what the demo wrote: {@code
 * results.json} passes {@link ResultsSchema}, and {@code report.html} (and the {@code index.html}
 * beside its folder) render in headless Chromium with no script error and every chart drawn.
 * Screenshots go to {@code target/demo-screenshots/<module>-report.png} and {@code
 * <module>-index.png}.
 *
 * <pre>{@code
 * DemoOutputs.assertResultsValid(out);
 * DemoOutputs.assertReportRenders(out, "ad-ctr", 6);   // skipped without Chromium unless CI=true
 * }</pre>
 */
public final class DemoOutputs {
  /** Where the screenshots go, relative to the module's folder. */
  public static final Path SCREENSHOTS = Path.of("target", "demo-screenshots");

  private DemoOutputs() {}

  /** Asserts that {@code out/results.json} exists and fits the schema. */
  public static void assertResultsValid(Path out) {
    Path file = out.resolve(ResultsFile.NAME);
    assertTrue(Files.isRegularFile(file), "the demo wrote no " + file);
    assertEquals(List.of(), ResultsSchema.validate(file), "schema problems of " + file);
  }

  /**
   * Renders {@code out/report.html} and the index beside {@code out} in Chromium and asserts that
   * each drew cleanly, with at least {@code minCharts} charts in the report.
   *
   * @return the report's check (screenshot path, chart counts)
   */
  public static ReportCheck assertReportRenders(Path out, String module, int minCharts) {
    Path report = out.resolve(Report.FILE_NAME);
    assertTrue(Files.isRegularFile(report), "the demo wrote no " + report);
    try (Browser browser = Browser.open()) {
      ReportCheck check =
          ReportCheck.of(browser, report, SCREENSHOTS.resolve(module + "-report.png"));
      assertTrue(check.ok(), check.problems());
      assertTrue(
          check.chartsExpected() >= minCharts,
          "expected at least " + minCharts + " charts, got " + check.chartsExpected());
      Path index = out.toAbsolutePath().getParent().resolve(ReportIndex.FILE_NAME);
      if (Files.isRegularFile(index)) {
        ReportCheck indexCheck =
            ReportCheck.of(browser, index, SCREENSHOTS.resolve(module + "-index.png"));
        assertTrue(indexCheck.ok(), indexCheck.problems());
        Object links =
            browser.script(
                "return document.querySelectorAll('a[href=\""
                    + module
                    + "/report.html\"]').length;");
        assertEquals(1L, links, "index.html links " + module + "/report.html once");
      }
      return check;
    }
  }
}
