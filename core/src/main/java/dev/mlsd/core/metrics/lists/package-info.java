/**
 * Metrics of recommended lists as a whole rather than item by item: {@link
 * dev.mlsd.core.metrics.lists.IntraListDiversity} (the average pairwise dissimilarity within a
 * list) and {@link dev.mlsd.core.metrics.lists.CatalogCoverage} (the share of the catalogue that is
 * ever recommended).
 *
 * <p>Book: chapter 6 (video recommendation: diversity), chapter 7 (event recommendation), chapter 9
 * (similar listings), chapter 10 (news feed re-ranking for diversity).
 */
package dev.mlsd.core.metrics.lists;
