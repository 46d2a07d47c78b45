package dev.mlsd.visualsearch.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlsd.core.ann.ExactIndex;
import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.Similarity;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.visualsearch.model.ImageEmbedder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The blocked exact search against core's ExactIndex, and the metrics on a hand-made ranking. */
class ExactSearchTest {

  private static float[] unitRows(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    ImageEmbedder.normaliseRows(v, 0, n, d);
    return v;
  }

  @Test
  void equalsCoreExactIndexOverMoreThanOneBlock() {
    int n = 700;
    int m = 530; // two blocks of queries
    int d = 9;
    float[] g = unitRows(n, d, 1);
    float[] q = unitRows(m, d, 2);
    SearchResults blocked = ExactSearch.search(g, n, q, m, d, 25);
    ExactIndex index = new ExactIndex(d, Similarity.COSINE, n);
    RetrievalEvaluation.addAll(index, g, d, n);
    SearchResults scanned = SearchResults.search(index, q, m, 25, new SearchParams(10));
    int differ = 0;
    for (int i = 0; i < m; i++) {
      if (!java.util.Arrays.equals(blocked.ranked()[i], scanned.ranked()[i])) {
        differ++; // only float rounding of near-ties may reorder
      }
    }
    assertEquals(0, differ, "queries whose top 25 differ");
    assertEquals(1.0, SearchResults.recallAgainst(blocked, scanned, 10), 1e-12);
  }

  @Test
  void metricsOfAHandMadeRanking() {
    // gallery classes: ids 0,1 class 0; ids 2,3 class 1; id 4 class 2 (same group as class 0)
    int[] galleryLabels = {0, 0, 1, 1, 2};
    int[][] byClass = {{0, 1}, {2, 3}, {4}};
    ClassRelevance groups = new ClassRelevance(new int[] {0, 1, 0});
    // one query of class 0 ranked 2, 0, 4, 1, 3: hits at ranks 2 and 4
    int[][] ranked = {{2, 0, 4, 1, 3}};
    RetrievalMetrics m =
        RetrievalMetrics.compute(
            ranked,
            new int[] {0},
            galleryLabels,
            byClass,
            groups,
            new int[] {1, 2, 5},
            Bootstrap.of(1));
    // AP@10 = (1/2 + 2/4) / min(2, 10) = 0.5; RR = 1/2; P@10 = 2/5 of a 5-long list -> 2/10
    assertEquals(0.5, m.metrics().get("map@10").estimate(), 1e-12);
    assertEquals(0.5, m.metrics().get("mrr").estimate(), 1e-12);
    assertEquals(0.2, m.metrics().get("precision@10").estimate(), 1e-12);
    assertEquals(1.0, m.metrics().get("recall@10").estimate(), 1e-12);
    assertArrayEquals(new double[] {0.0, 0.5, 1.0}, m.curve(), 1e-12);
    // graded: grades 0, 2, 1, 2, 0 against the ideal 2 at every rank
    double dcg = 2 / log2(3) + 1 / log2(4) + 2 / log2(5);
    double ideal = 0;
    for (int i = 0; i < 10; i++) {
      ideal += 2 / log2(i + 2);
    }
    assertEquals(dcg / ideal, m.metrics().get("graded_ndcg@10").estimate(), 1e-12);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
