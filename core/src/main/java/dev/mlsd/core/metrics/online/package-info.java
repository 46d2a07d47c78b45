/**
 * Online-metric helpers, each defined as the book defines it, for modules that replay held-out
 * logs: {@link dev.mlsd.core.metrics.online.ClickThroughRate}, {@link
 * dev.mlsd.core.metrics.online.ConversionRate}, {@link dev.mlsd.core.metrics.online.HideRate}
 * (chapter 8); {@link dev.mlsd.core.metrics.online.Prevalence}, {@link
 * dev.mlsd.core.metrics.online.HarmfulImpressions}, {@link
 * dev.mlsd.core.metrics.online.ProactiveRate}, {@link dev.mlsd.core.metrics.online.ValidAppealRate}
 * (chapter 5); {@link dev.mlsd.core.metrics.online.WeightedEngagementScore} (chapter 10).
 *
 * <p>Counts are {@code long}; a rate whose denominator is 0 is refused with {@link
 * java.lang.IllegalArgumentException}, as is a numerator above its denominator or a negative count.
 */
package dev.mlsd.core.metrics.online;
