/**
 * What every module's demo shares: the step narrator, progress bars, results.json and report.html.
 */
package dev.mlsd.core.demo;
