package dev.mlsd.benchmarks.ann;

import dev.mlsd.core.ann.RecallAgainstExact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * One library's recall/QPS curve, the ann-benchmarks way: for each ef of a ladder, the recall@k of
 * a query set against exact search and the queries answered per CPU-second of this thread.
 *
 * <p>Timing: after a warm-up of about two CPU-seconds at the ladder's middle ef, each ef gets one
 * untimed pass per library (which also gives the recall), then {@value #PASSES} timed passes over
 * the queries per library, each repeated until it has used at least {@value #MIN_PASS_NANOS} ns of
 * CPU; the QPS is the median of the passes. With several libraries the passes go round robin
 * (library 1, 2, 3, then 2, 3, 1, ...), so the libraries compared at one ef are timed within the
 * same few seconds. CPU time of the benchmark thread, not wall-clock time, so that time spent
 * waiting for a core on a shared machine does not count (it still feels shared caches).
 *
 * <p>Output: one {@code ANN-CURVE} line per ef on stdout and, when the environment variable {@code
 * MLSD_ANN_CURVES} names a file, one tab-separated row appended to it ({@link AnnCurveReport} reads
 * it): dataset, library, ef, recall, cpuQps, scored per query, load average.
 */
final class AnnCurve {
  private static final int PASSES = 5;
  private static final long MIN_PASS_NANOS = 200_000_000L;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private AnnCurve() {}

  static void sweep(
      String dataset,
      String library,
      AnnContender contender,
      String ladder,
      float[][] queries,
      int[][] truth,
      int k) {
    sweepInterleaved(
        dataset, new String[] {library}, new AnnContender[] {contender}, ladder, queries, truth, k);
  }

  /**
   * Several libraries' curves measured together, ef by ef, their timed passes round robin, so that
   * a change of the machine's speed during the run falls on all of them alike: on a shared machine
   * the fairest comparison one run can give.
   */
  static void sweepInterleaved(
      String dataset,
      String[] libraries,
      AnnContender[] contenders,
      String ladder,
      float[][] queries,
      int[][] truth,
      int k) {
    int[] efs =
        Arrays.stream(ladder.split(":")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    int[] ids = new int[k];
    for (AnnContender c : contenders) {
      c.setEf(efs[efs.length / 2]);
      long warm = cpu();
      while (cpu() - warm < 2_000_000_000L) {
        for (float[] q : queries) {
          c.search(q, k, ids);
        }
      }
    }
    boolean[] done = new boolean[contenders.length];
    for (int e = 0; e < efs.length; e++) {
      // the libraries measured at this ef (an untunable one only once)
      int[] at = new int[contenders.length];
      int n = 0;
      for (int i = 0; i < contenders.length; i++) {
        if (!contenders[i].tunable()) {
          if (done[i]) {
            continue; // one point: ef means nothing to it
          }
          done[i] = true;
        }
        at[n++] = i;
      }
      double[] recall = new double[n];
      double[] perQuery = new double[n];
      for (int j = 0; j < n; j++) {
        AnnContender c = contenders[at[j]];
        c.setEf(efs[e]);
        int[][] found = new int[queries.length][];
        long scored = 0;
        for (int i = 0; i < queries.length; i++) {
          int got = c.search(queries[i], k, ids);
          scored += c.lastVisited();
          found[i] = Arrays.copyOf(ids, got);
        }
        recall[j] = RecallAgainstExact.recall(truth, found);
        perQuery[j] = c.lastVisited() < 0 ? -1 : (double) scored / queries.length;
      }
      // the timed passes round robin, library by library, the order turning each pass: a change
      // of the machine's speed (load, or a neighbour on the host's memory) within the ef falls on
      // every library alike
      double[][] qps = new double[n][PASSES];
      int sink = 0;
      for (int p = 0; p < PASSES; p++) {
        for (int r = 0; r < n; r++) {
          int j = (r + p) % n;
          AnnContender c = contenders[at[j]];
          long t0 = cpu();
          long answered = 0;
          long used;
          do {
            for (float[] q : queries) {
              sink += c.search(q, k, ids) + ids[0];
            }
            answered += queries.length;
            used = cpu() - t0;
          } while (used < MIN_PASS_NANOS);
          qps[j][p] = answered / (used / 1e9);
        }
      }
      sink(sink);
      String load = loadAverage();
      for (int j = 0; j < n; j++) {
        Arrays.sort(qps[j]);
        report(
            dataset,
            libraries[at[j]],
            contenders[at[j]].tunable() ? efs[e] : 0,
            recall[j],
            qps[j][PASSES / 2],
            perQuery[j],
            load);
      }
    }
  }

  private static void report(
      String dataset,
      String library,
      int ef,
      double recall,
      double qps,
      double perQuery,
      String load) {
    System.out.printf(
        Locale.ROOT,
        "%nANN-CURVE dataset=%s library=%s ef=%d recall=%.4f cpuQps=%.1f scored=%.0f load=%s%n",
        dataset,
        library,
        ef,
        recall,
        qps,
        perQuery,
        load);
    append(
        String.format(
            Locale.ROOT,
            "%s\t%s\t%d\t%.4f\t%.1f\t%.0f\t%s%n",
            dataset,
            library,
            ef,
            recall,
            qps,
            perQuery,
            load));
  }

  /** The 1-minute load average, from {@code /proc/loadavg} ("?" where there is none). */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  // keeps the timed searches' results observable
  private static volatile int sinkValue;

  private static void sink(int value) {
    sinkValue = value;
  }

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static void append(String row) {
    String file = System.getenv("MLSD_ANN_CURVES");
    if (file == null || file.isBlank()) {
      return;
    }
    try {
      Files.writeString(
          Path.of(file),
          row,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
