package dev.mlsd.visualsearch.evaluation;

import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.visualsearch.data.GalleryQuerySplit;
import dev.mlsd.visualsearch.model.ImageEmbedder;

/**
 * The evaluation protocol, the same for every embedder: embed the whole gallery and every held-out
 * query, search each query exactly (cosine) for its top {@code max(curveK)} gallery images ({@link
 * ExactSearch}), and compute {@link RetrievalMetrics} with same-class relevance.
 *
 * <p>Book: chapter 2, "Evaluation".
 *
 * @param split gallery and queries
 * @param galleryImages the preprocessed gallery
 * @param queryImages the preprocessed queries
 * @param relevance grades for graded nDCG
 * @param bootstrap resampling of queries
 */
public record RetrievalEvaluation(
    GalleryQuerySplit split,
    float[] galleryImages,
    float[] queryImages,
    ClassRelevance relevance,
    Bootstrap bootstrap) {

  /**
   * One embedder's evaluation.
   *
   * @param name the embedder's name
   * @param dimension its embedding width
   * @param metrics the metrics with intervals
   * @param exact the exact top lists (kept for the ANN comparison and the report's examples)
   * @param galleryEmbeddings the gallery's embeddings
   * @param queryEmbeddings the queries' embeddings
   * @param embedMillis time to embed gallery and queries
   * @param searchMillis time of the exact search of all queries
   */
  public record Result(
      String name,
      int dimension,
      RetrievalMetrics metrics,
      SearchResults exact,
      float[] galleryEmbeddings,
      float[] queryEmbeddings,
      long embedMillis,
      long searchMillis) {}

  /** Embeds, searches exactly and scores one embedder. */
  public Result evaluate(ImageEmbedder embedder) {
    long t0 = System.nanoTime();
    float[] g = embedder.embedAll(galleryImages, split.gallery().count());
    float[] q = embedder.embedAll(queryImages, split.queries().count());
    long embedMillis = (System.nanoTime() - t0) / 1_000_000;
    int[][] byClass = split.gallery().idsByClass();
    int largest = 0;
    for (int[] c : byClass) {
      largest = Math.max(largest, c.length);
    }
    int[] curveK = RetrievalMetrics.curveCutoffs(largest);
    SearchResults exact =
        ExactSearch.search(
            g,
            split.gallery().count(),
            q,
            split.queries().count(),
            embedder.dimension(),
            curveK[curveK.length - 1]);
    RetrievalMetrics m =
        RetrievalMetrics.compute(
            exact.ranked(),
            split.queries().labels(),
            split.gallery().labels(),
            byClass,
            relevance,
            curveK,
            bootstrap);
    return new Result(
        embedder.name(),
        embedder.dimension(),
        m,
        exact,
        g,
        q,
        embedMillis,
        exact.nanos() / 1_000_000);
  }

  /** Adds every row of {@code vectors}, ids = row numbers; a zero row gets a tiny constant. */
  public static void addAll(dev.mlsd.core.ann.VectorIndex index, float[] vectors, int d, int n) {
    float[] row = new float[d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(vectors, i * d, row, 0, d);
      boolean zero = true;
      for (float v : row) {
        zero &= v == 0f;
      }
      if (zero) {
        java.util.Arrays.fill(row, 1e-6f);
      }
      index.add(row);
    }
  }
}
