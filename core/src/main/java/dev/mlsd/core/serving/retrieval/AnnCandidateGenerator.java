package dev.mlsd.core.serving.retrieval;

import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.TopKCollector;
import dev.mlsd.core.ann.VectorIndex;
import dev.mlsd.core.serving.CandidateGenerator;
import dev.mlsd.core.serving.Candidates;
import java.util.function.IntPredicate;

/**
 * Candidate generation by nearest-neighbour search: the request's query vector ({@link
 * QueryVector}) searched in a {@link VectorIndex} (an {@link dev.mlsd.core.ann.HnswIndex}, or an
 * {@link dev.mlsd.core.ann.ExactIndex} on small sets), the best {@code n} pushed into the request's
 * {@link Candidates}, best first, each with its similarity as the retrieval score. Index ids are
 * the candidate ids. The search collects {@code max(n, ef)} results (an HNSW beam holds that many
 * anyway) and pushes the best n.
 *
 * <p>Scratch: each thread gets its own {@link VectorIndex.Searcher}, {@link TopKCollector} and
 * result arrays (a {@link ThreadLocal}, built on that thread's first request), and the searcher,
 * the index's read lock and {@link TopKCollector#drainTo} allocate nothing, so a warm request
 * allocates nothing here ({@code AnnCandidateBenchmark -prof gc}). The request carries only the
 * query vector (see the scratch rule in {@link dev.mlsd.core.serving.ServingPipeline}).
 *
 * <p>Thread safety: immutable; safe from any number of threads. The index may be searched while
 * another thread adds to it (see the index's own contract).
 *
 * <p>Book: chapter 2, "Approximate nearest neighbor"; chapter 6, "Candidate generation" (two-tower
 * and matrix-factorisation embeddings + ANN).
 *
 * @param <Q> the module's request type
 */
public final class AnnCandidateGenerator<Q> implements CandidateGenerator<Q> {
  private final VectorIndex index;
  private final int n;
  private final SearchParams params;
  private final QueryVector<Q> query;
  private final ThreadLocal<Scratch> scratch;

  private static final class Scratch {
    final VectorIndex.Searcher searcher;
    final TopKCollector collector;
    final int[] ids;
    final float[] scores;

    Scratch(VectorIndex index, int keep) {
      searcher = index.newSearcher();
      collector = new TopKCollector(keep);
      ids = new int[keep];
      scores = new float[keep];
    }
  }

  /**
   * @param index the vectors searched; ids are candidate ids
   * @param n how many candidates to return per request, at least 1
   * @param params query-time search parameters (ef for HNSW; ignored by an exact index)
   * @param query where the request's vector (and optional filter) is found
   */
  public AnnCandidateGenerator(
      VectorIndex index, int n, SearchParams params, QueryVector<Q> query) {
    if (index == null || params == null || query == null) {
      throw new IllegalArgumentException("index, params and query vector must not be null");
    }
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    this.index = index;
    this.n = n;
    this.params = params;
    this.query = query;
    // an HNSW beam keeps max(ef, k) results anyway; collecting them all and pushing the best n
    // makes n independent of ef
    int keep = Math.max(n, params.ef());
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(index, keep));
  }

  @Override
  public void generate(Q q, Candidates out) {
    Scratch s = scratch.get();
    float[] v = query.vector(q);
    IntPredicate filter = query.filter(q);
    s.collector.reset();
    s.searcher.search(v, params, filter, s.collector);
    int got = s.collector.drainTo(s.ids, s.scores);
    for (int i = 0, m = Math.min(got, n); i < m; i++) {
      out.add(s.ids[i], s.scores[i]);
    }
  }

  /** The index searched. */
  public VectorIndex index() {
    return index;
  }

  /** How many candidates one request gets. */
  public int n() {
    return n;
  }

  /** The query-time search parameters. */
  public SearchParams params() {
    return params;
  }
}
