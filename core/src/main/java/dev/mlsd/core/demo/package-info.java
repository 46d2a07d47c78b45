/**
 * What every module's demo shares: the command line ({@link dev.mlsd.core.demo.DemoOptions}, run by
 * {@link dev.mlsd.core.demo.DemoLauncher}, user mistakes as {@link dev.mlsd.core.demo.UserError}),
 * the step narrator ({@link dev.mlsd.core.demo.StepNarrator}) and {@link
 * dev.mlsd.core.demo.Progress}. Results and reports live in {@code dev.mlsd.core.results} and
 * {@code dev.mlsd.core.report}; {@code ResultsJson} and {@code HtmlReport} here are the earlier
 * versions, kept until every demo has moved to those packages.
 */
package dev.mlsd.core.demo;
