package dev.mlsd.core.serving;

import dev.mlsd.core.monitoring.LatencyRecorder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The prediction pipeline, declared as its stages in run order: query hydration (the query's own
 * features, once), candidate generation (several generators merged and de-duplicated), filtering,
 * feature hydration, ranking, re-ranking, cut to k. The wiring holds no logic; each stage is one
 * small class of the module.
 *
 * <pre>{@code
 * ServingPipeline<AdRequest> pipeline = ServingPipeline.<AdRequest>builder("ad-ctr")
 *     .queryHydrator(new ContextFeatures(...))                    // optional
 *     .candidateGenerator(new TargetingCandidateGenerator(index))
 *     .filter(new BudgetFilter(budgets))
 *     .featureHydrator(new StoreFeatureHydrator<>(store, AD_FEATURES))
 *     .ranker(new AdRanker(modelHolder))
 *     .reRanker(new AdvertiserDiversityReRanker(2))
 *     .maxCandidates(1000)
 *     .build();
 * Candidates top = pipeline.run(request, 10);   // this thread's scratch, valid until its next run
 * }</pre>
 *
 * <p>Per request the pipeline resets this thread's {@link RequestScratch}, runs each stage, records
 * each stage's duration in the scratch and in the pipeline's {@link #stageLatency(Stage)}
 * histograms, shows the final results to its {@link PipelineObserver}s (monitoring: {@link
 * DriftObserver}), and returns the first {@code k} candidates in final order. Nothing is allocated
 * per request or per candidate by the pipeline itself.
 *
 * <p><b>The scratch rule.</b> Stages own their per-thread scratch (ANN searchers and collectors,
 * inference buffers, id matrices) in a {@link ThreadLocal} of their own, built on a thread's first
 * request and reused; the request object carries only the query: what the client sent, plus what
 * {@link QueryHydrator}s derived from it (its embedding, online features), written once per request
 * and only read by later stages. The pipeline's own scratch is the {@link RequestScratch}.
 *
 * <p>Thread safety: {@link #run(Object, int)} may be called from any number of threads at once;
 * each thread gets its own scratch through a {@link ThreadLocal}, so serve from a fixed pool of
 * platform threads (a virtual thread per request would build a new scratch every time). Stages must
 * be thread-safe.
 *
 * <p>Book: chapter 1, "Serving"; chapter 6, figure "Prediction pipeline"; chapter 8.
 *
 * @param <Q> the module's request type
 */
public final class ServingPipeline<Q> {
  private final String name;
  private final QueryHydrator<Q>[] queryHydrators;
  private final CandidateGenerator<Q>[] generators;
  private final Filter<Q>[] filters;
  private final FeatureHydrator<Q>[] hydrators;
  private final int[] hydratorFirstColumn;
  private final Ranker<Q> ranker;
  private final ReRanker<Q>[] reRankers;
  private final int maxCandidates;
  private final int featureDim;
  private final LatencyRecorder[] stageLatency;
  private final LatencyRecorder totalLatency;
  private final ThreadLocal<RequestScratch> scratch;
  // copy-on-write: a request reads the array once; adding an observer never blocks a request
  private volatile PipelineObserver<Q>[] observers;

  @SuppressWarnings("unchecked")
  private ServingPipeline(Builder<Q> b) {
    this.name = b.name;
    this.queryHydrators = (QueryHydrator<Q>[]) b.queryHydrators.toArray(new QueryHydrator<?>[0]);
    this.generators = (CandidateGenerator<Q>[]) b.generators.toArray(new CandidateGenerator<?>[0]);
    this.filters = (Filter<Q>[]) b.filters.toArray(new Filter<?>[0]);
    this.hydrators = (FeatureHydrator<Q>[]) b.hydrators.toArray(new FeatureHydrator<?>[0]);
    this.hydratorFirstColumn = new int[hydrators.length];
    int dim = 0;
    for (int i = 0; i < hydrators.length; i++) {
      hydratorFirstColumn[i] = dim;
      int c = hydrators[i].columns();
      if (c < 0) {
        throw new IllegalArgumentException("hydrator " + i + " declares " + c + " columns");
      }
      dim += c;
    }
    this.featureDim = dim;
    this.ranker = b.ranker;
    this.reRankers = (ReRanker<Q>[]) b.reRankers.toArray(new ReRanker<?>[0]);
    this.maxCandidates = b.maxCandidates;
    Stage[] stages = Stage.values();
    this.stageLatency = new LatencyRecorder[stages.length];
    for (Stage s : stages) {
      stageLatency[s.ordinal()] = new LatencyRecorder(s.metricName());
    }
    this.totalLatency = new LatencyRecorder("total");
    this.scratch = ThreadLocal.withInitial(this::newScratch);
    this.observers = (PipelineObserver<Q>[]) b.observers.toArray(new PipelineObserver<?>[0]);
  }

  /**
   * Starts declaring a pipeline.
   *
   * @param name the pipeline's name, used in metrics (e.g. the module's name)
   */
  public static <Q> Builder<Q> builder(String name) {
    return new Builder<>(name);
  }

  /** The pipeline's name. */
  public String name() {
    return name;
  }

  /** Feature columns per candidate: the sum of the hydrators' columns. */
  public int featureDim() {
    return featureDim;
  }

  /** The most candidates one request holds. */
  public int maxCandidates() {
    return maxCandidates;
  }

  /** A new scratch sized for this pipeline, for callers that manage their own threads. */
  public RequestScratch newScratch() {
    return new RequestScratch(maxCandidates, featureDim, generators.length);
  }

  /**
   * Serves one request on this thread's scratch.
   *
   * @param query the request
   * @param k how many results to keep, at least 1
   * @return the results, best first; owned by this thread and valid until its next run
   */
  public Candidates run(Q query, int k) {
    RequestScratch s = scratch.get();
    run(query, k, s);
    return s.candidates();
  }

  /**
   * Serves one request on the given scratch; the results are in {@code s.candidates()}.
   *
   * @param query the request
   * @param k how many results to keep, at least 1
   * @param s a scratch from {@link #newScratch()}, used by this thread only
   */
  public void run(Q query, int k, RequestScratch s) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    Candidates c = s.candidates();
    long[] nanos = s.stageNanos;
    c.reset();

    long tq = System.nanoTime();
    for (QueryHydrator<Q> h : queryHydrators) {
      h.hydrate(query);
    }
    long t0 = System.nanoTime();
    for (int g = 0; g < generators.length; g++) {
      c.beginSource(g);
      generators[g].generate(query, c);
    }
    long t1 = System.nanoTime();
    if (filters.length > 0) {
      boolean[] keep = s.keep;
      int n = c.size();
      int[] ids = c.ids();
      for (int p = 0; p < n; p++) {
        boolean kept = true;
        for (int f = 0; f < filters.length && kept; f++) {
          kept = filters[f].keep(query, ids[p]);
        }
        keep[p] = kept;
      }
      c.compact(keep);
    }
    long t2 = System.nanoTime();
    for (int h = 0; h < hydrators.length; h++) {
      hydrators[h].hydrate(query, c, hydratorFirstColumn[h]);
    }
    long t3 = System.nanoTime();
    ranker.rank(query, c);
    c.sortByScore();
    long t4 = System.nanoTime();
    for (ReRanker<Q> r : reRankers) {
      r.reRank(query, c, k);
    }
    c.truncate(k);
    long t5 = System.nanoTime();

    nanos[Stage.QUERY_HYDRATION.ordinal()] = t0 - tq;
    nanos[Stage.CANDIDATE_GENERATION.ordinal()] = t1 - t0;
    nanos[Stage.FILTERING.ordinal()] = t2 - t1;
    nanos[Stage.FEATURE_HYDRATION.ordinal()] = t3 - t2;
    nanos[Stage.RANKING.ordinal()] = t4 - t3;
    nanos[Stage.RE_RANKING.ordinal()] = t5 - t4;
    for (int i = 0; i < nanos.length; i++) {
      stageLatency[i].recordNanos(nanos[i]);
    }
    totalLatency.recordNanos(t5 - tq);
    PipelineObserver<Q>[] watching = observers;
    for (PipelineObserver<Q> o : watching) {
      o.served(query, c);
    }
  }

  /**
   * Adds an observer of every request served from now on (e.g. the server's drift monitor, which is
   * attached when the server starts). Observers run after the last stage, outside the stage
   * timings, in the order added.
   *
   * <p>Thread safety: may be called while requests are served; a request sees either the old or the
   * new list of observers.
   */
  @SuppressWarnings("unchecked")
  public synchronized void addObserver(PipelineObserver<Q> observer) {
    if (observer == null) {
      throw new IllegalArgumentException("observer must not be null");
    }
    PipelineObserver<Q>[] now = observers;
    PipelineObserver<Q>[] next = java.util.Arrays.copyOf(now, now.length + 1);
    next[now.length] = observer;
    observers = next;
  }

  /**
   * Removes an observer added before (no-op if absent).
   *
   * @return whether it was removed
   */
  @SuppressWarnings("unchecked")
  public synchronized boolean removeObserver(PipelineObserver<Q> observer) {
    PipelineObserver<Q>[] now = observers;
    for (int i = 0; i < now.length; i++) {
      if (now[i] == observer) {
        PipelineObserver<Q>[] next =
            (PipelineObserver<Q>[]) new PipelineObserver<?>[now.length - 1];
        System.arraycopy(now, 0, next, 0, i);
        System.arraycopy(now, i + 1, next, i, now.length - i - 1);
        observers = next;
        return true;
      }
    }
    return false;
  }

  /** The latency histogram of one stage over every request so far. */
  public LatencyRecorder stageLatency(Stage stage) {
    return stageLatency[stage.ordinal()];
  }

  /** The latency histogram of whole requests (all stages) so far. */
  public LatencyRecorder totalLatency() {
    return totalLatency;
  }

  /** Every latency histogram by stage, for metrics binding. */
  public Map<Stage, LatencyRecorder> stageLatencies() {
    Map<Stage, LatencyRecorder> m = new EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      m.put(s, stageLatency[s.ordinal()]);
    }
    return m;
  }

  /**
   * Declares a pipeline's stages in run order. Several generators, filters, hydrators and
   * re-rankers run in the order declared; exactly one ranker is required.
   *
   * <p>Thread safety: none; build on one thread.
   *
   * @param <Q> the module's request type
   */
  public static final class Builder<Q> {
    private final String name;
    private final List<QueryHydrator<Q>> queryHydrators = new ArrayList<>();
    private final List<CandidateGenerator<Q>> generators = new ArrayList<>();
    private final List<Filter<Q>> filters = new ArrayList<>();
    private final List<FeatureHydrator<Q>> hydrators = new ArrayList<>();
    private Ranker<Q> ranker;
    private final List<ReRanker<Q>> reRankers = new ArrayList<>();
    private final List<PipelineObserver<Q>> observers = new ArrayList<>();
    private int maxCandidates = 1000;

    private Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("pipeline name must be non-blank");
      }
      this.name = name;
    }

    /** Adds a query hydrator, run first, before candidate generation, in declaration order. */
    public Builder<Q> queryHydrator(QueryHydrator<Q> h) {
      queryHydrators.add(requireNonNull(h, "query hydrator"));
      return this;
    }

    /** Adds a candidate generator; earlier generators win de-duplication. */
    public Builder<Q> candidateGenerator(CandidateGenerator<Q> g) {
      generators.add(requireNonNull(g, "candidate generator"));
      return this;
    }

    /** Adds a filter, run before feature hydration. */
    public Builder<Q> filter(Filter<Q> f) {
      filters.add(requireNonNull(f, "filter"));
      return this;
    }

    /** Adds a feature hydrator; its columns follow the previous hydrators' columns. */
    public Builder<Q> featureHydrator(FeatureHydrator<Q> h) {
      hydrators.add(requireNonNull(h, "feature hydrator"));
      return this;
    }

    /** Sets the ranker (exactly one). */
    public Builder<Q> ranker(Ranker<Q> r) {
      if (ranker != null) {
        throw new IllegalStateException("a pipeline has exactly one ranker");
      }
      ranker = requireNonNull(r, "ranker");
      return this;
    }

    /** Adds a re-ranker, run after ranking in declaration order. */
    public Builder<Q> reRanker(ReRanker<Q> r) {
      reRankers.add(requireNonNull(r, "re-ranker"));
      return this;
    }

    /**
     * Adds an observer of every served request, run after the last stage (see {@link
     * #addObserver}).
     */
    public Builder<Q> observer(PipelineObserver<Q> o) {
      observers.add(requireNonNull(o, "observer"));
      return this;
    }

    /** The most candidates one request holds (default 1000); later adds are counted and dropped. */
    public Builder<Q> maxCandidates(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxCandidates must be >= 1, got " + n);
      }
      maxCandidates = n;
      return this;
    }

    /** Builds the pipeline. */
    public ServingPipeline<Q> build() {
      if (generators.isEmpty()) {
        throw new IllegalStateException("pipeline '" + name + "' has no candidate generator");
      }
      if (ranker == null) {
        throw new IllegalStateException("pipeline '" + name + "' has no ranker");
      }
      return new ServingPipeline<>(this);
    }

    private static <T> T requireNonNull(T t, String what) {
      if (t == null) {
        throw new IllegalArgumentException(what + " must not be null");
      }
      return t;
    }
  }
}
