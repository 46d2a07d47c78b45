package dev.mlsd.core.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The searcher scores a node's unvisited neighbours four at a time; this checks that its answers
 * are bit for bit those of the plain algorithm, written out here one vector at a time (the search
 * as it was before the batching): the same ids, the same scores, in the same order, for every
 * metric, on floats and on int8 codes, with a filter and with deletions.
 */
class BatchedSearchIdentityTest {

  @Test
  void batchedSearchAnswersExactlyAsTheOneAtATimeSearch() {
    for (Similarity sim : Similarity.values()) {
      for (int d : new int[] {13, 64}) {
        float[][] data = AnnTestData.clustered(3_000, d, 12, 0.35, 21);
        HnswIndex index =
            AnnTestData.addAll(new HnswIndex(d, sim, new HnswBuildParams(8, 48, 5)), data);
        for (int id = 0; id < 3_000; id += 17) {
          index.delete(id);
        }
        index.quantize();
        float[][] queries = AnnTestData.clustered(40, d, 12, 0.35, 22);
        IntPredicate thirds = id -> id % 3 != 0;
        int compared = 0;
        for (boolean quantized : new boolean[] {false, true}) {
          HnswSearcher s = quantized ? index.newQuantizedSearcher() : index.newSearcher();
          for (IntPredicate f : new IntPredicate[] {null, thirds}) {
            for (int ef : new int[] {10, 37, 100}) {
              SearchParams p = new SearchParams(ef);
              for (float[] q : queries) {
                TopKCollector got = new TopKCollector(10);
                s.search(q, p, f, got);
                TopKCollector want = new TopKCollector(10);
                reference(index, q, p, f, quantized, want);
                String what = sim + " d " + d + " sq8 " + quantized + " ef " + ef;
                assertArrayEquals(want.ids(), got.ids(), what);
                float[] ws = want.scores();
                float[] gs = got.scores();
                for (int i = 0; i < ws.length; i++) {
                  assertEquals(ws[i], gs[i], 4 * Math.ulp(ws[i]), what + " rank " + i);
                }
                compared++;
              }
            }
          }
        }
        assertTrue(compared == 480);
      }
    }
  }

  /** The search one vector at a time: greedy descent, beam search on layer 0, re-score on codes. */
  private static void reference(
      HnswIndex index,
      float[] raw,
      SearchParams params,
      IntPredicate filter,
      boolean quantized,
      TopKCollector out) {
    VectorStore store = index.store;
    HnswGraph graph = index.graph;
    int dim = store.dimension;
    float[] q = new float[dim];
    store.prepareQuery(raw, q);
    float[] w = new float[dim];
    QuantizedVectors codes = quantized ? index.quantized : null;
    float constant = quantized ? codes.quantizer.prepareQuery(q, w) : 0f;
    float qn2 = Kernels.IMPL.dot(q, 0, q, 0, dim);
    java.util.function.IntToDoubleFunction score =
        id ->
            codes == null
                ? store.similarity.score(q, 0, store.data, id * dim, dim)
                : codes.score(w, constant, qn2, id);
    // the test data keep every filter above the exhaustive-scan threshold and within the graph
    int cur = graph.entryPoint;
    float curScore = (float) score.applyAsDouble(cur);
    for (int level = graph.maxLevel; level > 0; level--) {
      boolean moved = true;
      while (moved) {
        moved = false;
        int[] links = graph.upper[cur];
        int off = (level - 1) * (graph.m + 1);
        int from = cur;
        for (int j = off + 1; j < off + 1 + links[off]; j++) {
          int n = graph.upper[from][j];
          float s = (float) score.applyAsDouble(n);
          if (s > curScore) {
            curScore = s;
            cur = n;
            moved = true;
          }
        }
      }
    }
    int ef = Math.max(params.ef(), out.k());
    boolean[] seen = new boolean[graph.size];
    NeighborHeap candidates = new NeighborHeap(16, true);
    NeighborHeap results = new NeighborHeap(16, false);
    seen[cur] = true;
    candidates.push(cur, curScore);
    if (accept(store, filter, cur)) {
      results.push(cur, curScore);
    }
    float bound = results.size() >= ef ? results.topScore() : Float.NEGATIVE_INFINITY;
    while (candidates.size() > 0) {
      long ck = candidates.popKey();
      if (NeighborHeap.unpackScore(ck) < bound) {
        break;
      }
      int c = NeighborHeap.unpackId(ck);
      int off = c * graph.stride0;
      for (int j = off + 1; j < off + 1 + graph.links0[off]; j++) {
        int n = graph.links0[j];
        if (seen[n]) {
          continue;
        }
        seen[n] = true;
        float s = (float) score.applyAsDouble(n);
        if (s > bound || results.size() < ef) {
          candidates.push(n, s);
          if (accept(store, filter, n)) {
            long key = NeighborHeap.pack(n, s);
            if (results.size() < ef) {
              results.pushKey(key);
            } else if (key > results.topKey()) {
              results.replaceTopKey(key);
            }
            if (results.size() >= ef) {
              bound = results.topScore();
            }
          }
        }
      }
    }
    if (codes != null) {
      while (results.size() > (long) params.rescoreMultiple() * out.k()) {
        results.popKey();
      }
      for (int i = 0; i < results.size(); i++) {
        int id = NeighborHeap.unpackId(results.keyAt(i));
        out.collect(id, store.score(q, id));
      }
      return;
    }
    for (int i = 0; i < results.size(); i++) {
      long key = results.keyAt(i);
      out.collect(NeighborHeap.unpackId(key), NeighborHeap.unpackScore(key));
    }
  }

  private static boolean accept(VectorStore store, IntPredicate filter, int id) {
    return !store.isDeleted(id) && (filter == null || filter.test(id));
  }
}
