/**
 * Evaluation: one protocol for every encoder ({@link
 * dev.mlsd.visualsearch.evaluation.RetrievalEvaluation}: embed gallery and held-out queries, exact
 * search, {@link dev.mlsd.visualsearch.evaluation.RetrievalMetrics} with bootstrap intervals over
 * queries), same-class and graded relevance ({@link
 * dev.mlsd.visualsearch.evaluation.ClassRelevance}), the comparison of encoders ({@link
 * dev.mlsd.visualsearch.evaluation.EncoderComparison}) and HNSW against its exact twin ({@link
 * dev.mlsd.visualsearch.evaluation.AnnEvaluation}).
 *
 * <p>Book: chapter 2, "Evaluation".
 */
package dev.mlsd.visualsearch.evaluation;
