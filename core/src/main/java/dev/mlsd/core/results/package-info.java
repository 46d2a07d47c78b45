/**
 * What a module's demo measured, as typed records ({@link dev.mlsd.core.results.ModuleResults} and
 * its parts), written to {@code results/<module>/results.json} by {@link
 * dev.mlsd.core.results.ResultsFile} in the one schema every module shares ({@code
 * docs/results-schema.md}), checked by {@link dev.mlsd.core.results.ResultsSchema}.
 *
 * <p>Metric names are the book's, in snake case: {@code auc}, {@code pr_auc}, {@code log_loss},
 * {@code nce}, {@code ece}, {@code map@10}, {@code ndcg@10}, {@code mrr}, {@code recall@10}, {@code
 * precision@10}, {@code macro_f1}, ...
 */
package dev.mlsd.core.results;
