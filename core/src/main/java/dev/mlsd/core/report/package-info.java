/**
 * Every module's {@code report.html}, with one look: sections, real HTML tables, escaped text and
 * charts drawn by ECharts (inlined from its WebJar, so a report opens offline from disk). {@link
 * dev.mlsd.core.report.Report} builds one page; {@link dev.mlsd.core.report.ReportIndex} writes
 * {@code results/index.html} linking every module's report with its headline numbers.
 *
 * <p>Chart kinds: line charts (ROC, precision-recall, recall@k, loss per epoch), a metric with its
 * interval per model, histograms (latency per stage), a reliability diagram, and an image grid.
 * Each page records script errors and the number of charts drawn on its {@code <html>} element
 * ({@code data-script-errors}, {@code data-charts-drawn}, {@code data-charts-expected}) so a
 * browser test can check that every chart drew.
 */
package dev.mlsd.core.report;
