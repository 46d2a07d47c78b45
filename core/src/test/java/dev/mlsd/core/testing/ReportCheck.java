package dev.mlsd.core.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@code report.html} in {@link Browser headless Chromium} and checks it as a reader
 * would see it: no script error, every chart drew ({@code data-charts-drawn} equals {@code
 * data-charts-expected}), and every chart's canvas has pixels that are not blank. A screenshot of
 * the whole page is kept (e.g. under {@code target/}) whatever the outcome.
 *
 * @param scriptErrors what {@code window.onerror} recorded
 * @param chartsExpected charts the page declares
 * @param chartsDrawn charts the page says it drew
 * @param blankCharts indices of charts whose canvas has no drawn pixel (or no canvas)
 * @param screenshot the PNG saved
 */
public record ReportCheck(
    List<String> scriptErrors,
    int chartsExpected,
    int chartsDrawn,
    List<Integer> blankCharts,
    Path screenshot) {

  private static final String INSPECT =
      """
      const html = document.documentElement;
      const blank = [];
      document.querySelectorAll('.chart[data-chart]').forEach((el, i) => {
        const canvas = el.querySelector('canvas');
        const svg = el.querySelector('svg');
        if (svg) { if (svg.childElementCount === 0) blank.push(i); return; }
        if (!canvas || canvas.width === 0 || canvas.height === 0) { blank.push(i); return; }
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let p = 3; p < data.length; p += 4) { if (data[p] !== 0) { inked++; } }
        if (inked < 200) blank.push(i);
      });
      return {
        expected: Number(html.getAttribute('data-charts-expected') || 0),
        drawn: Number(html.getAttribute('data-charts-drawn') || 0),
        blank: blank
      };
      """;

  /**
   * Opens {@code report} in {@code browser}, inspects it and saves a screenshot to {@code
   * screenshot}.
   */
  public static ReportCheck of(Browser browser, Path report, Path screenshot) {
    browser.open(report);
    List<String> errors = browser.scriptErrors();
    Map<?, ?> result = (Map<?, ?>) browser.script(INSPECT);
    List<Integer> blank = new ArrayList<>();
    for (Object o : (List<?>) result.get("blank")) {
      blank.add(((Number) o).intValue());
    }
    Path shot = browser.screenshot(screenshot);
    return new ReportCheck(
        errors,
        ((Number) result.get("expected")).intValue(),
        ((Number) result.get("drawn")).intValue(),
        blank,
        shot);
  }

  /** Whether the page rendered cleanly: no error, every chart drawn and not blank. */
  public boolean ok() {
    return scriptErrors.isEmpty() && chartsDrawn == chartsExpected && blankCharts.isEmpty();
  }

  /** One line saying what is wrong, for an assertion message. */
  public String problems() {
    return "script errors "
        + scriptErrors
        + ", charts drawn "
        + chartsDrawn
        + "/"
        + chartsExpected
        + ", blank charts "
        + blankCharts
        + ", screenshot "
        + screenshot;
  }
}
