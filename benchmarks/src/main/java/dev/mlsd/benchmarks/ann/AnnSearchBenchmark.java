package dev.mlsd.benchmarks.ann;

import dev.mlsd.core.ann.ExactIndex;
import dev.mlsd.core.ann.RecallAgainstExact;
import dev.mlsd.core.ann.Similarity;
import dev.mlsd.core.ann.TopKCollector;
import dev.mlsd.core.ann.VectorIndex;
import dev.mlsd.core.ann.VectorKernels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Queries per second on one thread at recall@10 >= 0.95, for this project's HNSW, Lucene's HNSW,
 * jelmerk hnswlib and the exact SIMD brute force, on the same vectors (see {@link AnnData}).
 *
 * <p>Per (dataset, library) trial, in {@code @Setup}: load the vectors; build the index single-
 * threaded with m 16 and efConstruction 100 (timed, and the heap it adds measured after GC); then
 * tune ef: the smallest ef whose recall@10 against the exact index reaches {@link #targetRecall} on
 * the <em>tuning</em> queries (a doubling ladder, then bisection). The benchmark then measures
 * throughput on a disjoint set of <em>measured</em> queries, one query per operation, so ops/s is
 * QPS. The recall on the measured queries is computed too, and the trial fails if it is below
 * {@code targetRecall - 0.02}: a fast wrong answer does not score.
 *
 * <p>On a shared machine, wall-clock throughput also counts the time the thread waits for a core,
 * so each measurement iteration also records queries per CPU-second of the benchmark thread; their
 * median is printed as an {@code ANN-CPU} line at the end of the trial.
 *
 * <p>Build time, memory, the tuned ef, both recalls and the vectors scored per query (a cost
 * measure that, unlike QPS on a shared machine, does not depend on the neighbours' load) are
 * printed as one {@code ANN-RESULT} line per trial (JMH itself only reports the QPS).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms6g", "-Xmx6g"})
public class AnnSearchBenchmark {
  private static final int K = 10;

  /** The vector set: fmnist-784, fmnist-pca64, random64-N, mog64-N (synthetic). */
  @Param({"fmnist-pca64", "fmnist-784", "random64-100k"})
  public String dataset;

  /** The library: mlsd-hnsw, lucene-hnsw, hnswlib, exact-simd. */
  @Param({"mlsd-hnsw", "lucene-hnsw", "hnswlib", "exact-simd"})
  public String library;

  /** The recall@10 the ef is tuned to reach. */
  @Param({"0.95"})
  public double targetRecall;

  /**
   * The fraction of base vectors a query may return (filtered search; 1: no filter). Which ones is
   * a seeded hash of the id, so the filter has no relation to the vectors.
   */
  @Param({"1"})
  public double selectivity;

  /**
   * Filter selectivities to sweep the curve at, separated by colons ({@code 1:0.5:0.1:0.01}; empty:
   * the {@link #selectivity} only), all on the one index the trial built.
   */
  @Param({""})
  public String sweepSelectivities;

  /**
   * Libraries whose curves are measured interleaved in this trial, before the JMH measurement of
   * {@link #library}: names joined by {@code +} ({@code mlsd-hnsw+lucene-hnsw+hnswlib}; empty:
   * none). Needs {@link #sweep}. See {@link AnnCurve#sweepInterleaved}.
   */
  @Param({""})
  public String compare;

  /**
   * With {@link #compare}: save each library's index to a file and load it back before the curves
   * (this project's index only; others have no file of ours), printing {@code ANN-FILE} lines with
   * the size and the save and load times; the curves are then measured on the loaded index.
   */
  @Param({"false"})
  public boolean saveLoad;

  /**
   * With {@link #sweepSelectivities} on this project's index: measure each filtered curve twice,
   * interleaved on the one index, the filter passed as an {@code IdBitSet} (the library as named)
   * and as a plain predicate ({@code <library>-predicate}, which the exact fallback must test on
   * every id: the code path before {@code IdBitSet}).
   */
  @Param({"false"})
  public boolean predicateTwin;

  /** Builder threads (each library's own concurrent build when more than one). */
  @Param({"1"})
  public int buildThreads;

  /** Queries used to tune ef. */
  @Param({"300"})
  public int tuneQueries;

  /** Queries measured (disjoint from the tuning ones). */
  @Param({"500"})
  public int measureQueries;

  /**
   * The recall/QPS curve: an ef ladder separated by colons, {@code 10:16:32} (empty: none). For
   * each ef, in setup, the recall@10 of the measured queries and their queries per CPU-second (see
   * {@link AnnCurve}), printed as {@code ANN-CURVE} lines and appended to the file named by {@code
   * MLSD_ANN_CURVES}.
   */
  @Param({""})
  public String sweep;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private AnnContender contender;
  // queries per CPU-second of the benchmark thread, per measurement iteration: on a shared machine
  // this is far steadier than wall-clock throughput, which counts the time the thread waits for a
  // core
  private final List<Double> cpuQps = new ArrayList<>();
  private boolean measuring;
  private long ops;
  private long cpuStart;
  private long worker;
  private float[][] queries;
  private int[] ids;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    AnnData data = AnnData.load(dataset, tuneQueries, measureQueries);
    BitSet passing = selectivity >= 1 ? null : passing(data.base().length, selectivity);
    int[][] truthTune = groundTruth(data.base(), data.tune(), passing);
    int[][] truthMeasure = groundTruth(data.base(), data.measure(), passing);

    if (!compare.isBlank()) {
      String[] names = compare.split("\\+");
      AnnContender[] all = new AnnContender[names.length];
      for (int i = 0; i < names.length; i++) {
        all[i] = AnnContender.named(names[i]);
        // memory of this library alone: the heap retained after GC, and the peak during its build,
        // both above what was held before it (the data set and the libraries built earlier)
        long before = usedHeapAfterGc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          pool.resetPeakUsage();
        }
        long cpu0 = cpuOfThisProcess();
        long b0 = System.nanoTime();
        all[i].build(data.base(), buildThreads);
        double seconds = (System.nanoTime() - b0) / 1e9;
        double cpuSeconds = (cpuOfThisProcess() - cpu0) / 1e9;
        long peak = heapPeak();
        all[i].setFilter(passing);
        System.out.printf(
            Locale.ROOT,
            "%nANN-BUILD dataset=%s library=%s buildThreads=%d buildSeconds=%.2f"
                + " buildCpuSeconds=%.1f heapMB=%.1f peakHeapAboveBaselineMB=%.0f"
                + " heapVectorMB=%.1f searchedVectorMB=%.1f load=%s%n",
            dataset,
            names[i],
            buildThreads,
            seconds,
            cpuSeconds,
            (usedHeapAfterGc() - before) / 1048576.0,
            (peak - before) / 1048576.0,
            all[i].heapVectorBytes() / 1048576.0,
            all[i].searchedVectorBytes() / 1048576.0,
            AnnCurve.loadAverage());
        if (saveLoad) {
          String file = all[i].saveAndReload();
          if (file != null) {
            System.out.printf(
                Locale.ROOT,
                "%nANN-FILE dataset=%s library=%s %s load=%s%n",
                dataset,
                names[i],
                file,
                AnnCurve.loadAverage());
          }
        }
      }
      AnnCurve.sweepInterleaved(dataset, names, all, sweep, data.measure(), truthMeasure, K);
      all = null;
    }

    contender = AnnContender.named(library);
    long heapBefore = usedHeapAfterGc();
    long t0 = System.nanoTime();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long cpu0 = cpuOfThisProcess();
    contender.build(data.base(), buildThreads);
    double buildCpuSeconds = (cpuOfThisProcess() - cpu0) / 1e9;
    contender.setFilter(passing);
    long peakBytes = heapPeak();
    double buildSeconds = (System.nanoTime() - t0) / 1e9;
    long heapBytes = usedHeapAfterGc() - heapBefore;

    ids = new int[K];
    int ef = 0;
    double tuneRecall = 1.0;
    if (contender.tunable()) {
      ef = tuneEf(data.tune(), truthTune);
      contender.setEf(ef);
      tuneRecall = recall(data.tune(), truthTune);
    }
    double measureRecall = recall(data.measure(), truthMeasure);
    double visited = meanVisited;
    System.out.printf(
        Locale.ROOT,
        "%nANN-RESULT dataset=%s n=%d d=%d library=%s selectivity=%s buildThreads=%d"
            + " buildSeconds=%.2f"
            + " buildCpuSeconds=%.1f heapMB=%.1f peakHeapMB=%.0f ef=%d"
            + " tuneRecall=%.4f measureRecall=%.4f visitedPerQuery=%.0f searchedVectorMB=%.1f"
            + " kernels=%s load=%s%n",
        dataset,
        data.base().length,
        data.base()[0].length,
        library,
        selectivity,
        buildThreads,
        buildSeconds,
        buildCpuSeconds,
        heapBytes / 1048576.0,
        peakBytes / 1048576.0,
        ef,
        tuneRecall,
        measureRecall,
        visited,
        contender.searchedVectorBytes() / 1048576.0,
        VectorKernels.best().name(),
        AnnCurve.loadAverage());
    if (!sweep.isBlank() && compare.isBlank()) {
      String[] sels =
          sweepSelectivities.isBlank()
              ? new String[] {String.valueOf(selectivity)}
              : sweepSelectivities.split(":");
      for (String sel : sels) {
        double fraction = Double.parseDouble(sel);
        BitSet f = fraction >= 1 ? null : passing(data.base().length, fraction);
        int[][] truth =
            fraction == selectivity ? truthMeasure : groundTruth(data.base(), data.measure(), f);
        contender.setFilter(f);
        String label = fraction < 1 ? dataset + " filter " + sel : dataset;
        if (predicateTwin && fraction < 1 && contender instanceof AnnContender.Mlsd mlsd) {
          AnnContender twin = mlsd.predicateTwin();
          twin.setFilter(f);
          AnnCurve.sweepInterleaved(
              label,
              new String[] {library, library + "-predicate"},
              new AnnContender[] {contender, twin},
              sweep,
              data.measure(),
              truth,
              K);
        } else {
          AnnCurve.sweep(label, library, contender, sweep, data.measure(), truth, K);
        }
      }
      contender.setFilter(passing);
      if (contender.tunable()) {
        contender.setEf(ef);
      }
    }
    if (measureRecall < targetRecall - 0.02) {
      throw new AssertionError(
          library + " on " + dataset + ": measured recall " + measureRecall + " at ef " + ef);
    }
    queries = data.measure();
    data = null;
  }

  @Setup(Level.Iteration)
  public void startIteration(IterationParams iteration) {
    measuring = iteration.getType() == IterationType.MEASUREMENT;
    ops = 0;
    cpuStart = -1;
  }

  @Benchmark
  public int search() {
    if (cpuStart < 0) {
      worker = Thread.currentThread().threadId();
      cpuStart = THREADS.getThreadCpuTime(worker);
    }
    ops++;
    float[] q = queries[next];
    next = next + 1 == queries.length ? 0 : next + 1;
    int n = contender.search(q, K, ids);
    return ids[0] + n;
  }

  @TearDown(Level.Iteration)
  public void endIteration() {
    long cpu = THREADS.getThreadCpuTime(worker) - cpuStart;
    if (measuring && cpu > 0) {
      cpuQps.add(ops / (cpu / 1e9));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    double[] sorted = cpuQps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median =
        sorted.length == 0
            ? Double.NaN
            : (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    System.out.printf(
        Locale.ROOT,
        "%nANN-CPU dataset=%s library=%s cpuQpsMedian=%.1f iterations=%s%n",
        dataset,
        library,
        median,
        Arrays.toString(sorted));
    contender = null;
  }

  /** The smallest ef reaching the target recall on the tuning queries. */
  private int tuneEf(float[][] tune, int[][] truth) {
    int lo = K - 1; // known (or assumed) too low
    int hi = K;
    while (true) {
      contender.setEf(hi);
      if (recall(tune, truth) >= targetRecall) {
        break;
      }
      lo = hi;
      if (hi >= 8192) {
        return hi; // give up; the measured recall check reports it
      }
      hi *= 2;
    }
    while (hi - lo > Math.max(1, lo / 32)) {
      int mid = (lo + hi) >>> 1;
      contender.setEf(mid);
      if (recall(tune, truth) >= targetRecall) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** Mean vectors scored per query in the last {@link #recall} pass (-1: not reported). */
  private double meanVisited;

  private double recall(float[][] qs, int[][] truth) {
    long visited = 0;
    int[][] found = new int[qs.length][];
    int[] got = new int[K];
    for (int i = 0; i < qs.length; i++) {
      int n = contender.search(qs[i], K, got);
      visited += contender.lastVisited();
      found[i] = Arrays.copyOf(got, n);
    }
    meanVisited = contender.lastVisited() < 0 ? -1 : (double) visited / qs.length;
    return RecallAgainstExact.recall(truth, found);
  }

  static int[][] groundTruth(float[][] base, float[][] qs, BitSet passing) {
    ExactIndex exact = new ExactIndex(base[0].length, Similarity.EUCLIDEAN, base.length);
    for (float[] v : base) {
      exact.add(v);
    }
    VectorIndex.Searcher s = exact.newSearcher();
    if (passing == null) {
      return RecallAgainstExact.groundTruth(s, qs, K);
    }
    int[][] truth = new int[qs.length][];
    for (int i = 0; i < qs.length; i++) {
      TopKCollector c = new TopKCollector(K);
      s.search(qs[i], null, passing::get, c);
      truth[i] = c.ids();
    }
    return truth;
  }

  /** Ids whose seeded hash falls under the selectivity. */
  static BitSet passing(int n, double selectivity) {
    BitSet b = new BitSet(n);
    for (int id = 0; id < n; id++) {
      long z = (id + 1L) * 0x9E3779B97F4A7C15L;
      z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
      z ^= z >>> 29;
      if ((z >>> 11) * 0x1.0p-53 < selectivity) {
        b.set(id);
      }
    }
    return b;
  }

  /** The sum of the heap pools' peaks since their last reset: an upper bound of the heap's peak. */
  private static long heapPeak() {
    long peakBytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakBytes += pool.getPeakUsage().getUsed();
      }
    }
    return peakBytes;
  }

  /** CPU time of every thread of this JVM, in nanoseconds (the build's threads included). */
  private static long cpuOfThisProcess() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
