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
 * untimed pass (which also gives the recall), then {@value #PASSES} timed passes over the queries,
 * each repeated until it has used at least {@value #MIN_PASS_NANOS} ns of CPU; the QPS is the
 * median of the passes. CPU time of the benchmark thread, not wall-clock time, so that time spent
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
   * Several libraries' curves measured in turn, ef by ef (library order reversed on every other
   * ef), so that a change of the machine's load during the run falls on all of them alike: on a
   * shared machine the fairest comparison one run can give.
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
      for (int j = 0; j < contenders.length; j++) {
        int i = e % 2 == 0 ? j : contenders.length - 1 - j;
        if (!contenders[i].tunable()) {
          if (done[i]) {
            continue; // one point: ef means nothing to it
          }
          done[i] = true;
        }
        measurePoint(dataset, libraries[i], contenders[i], efs[e], queries, truth, k);
      }
    }
  }

  private static void measurePoint(
      String dataset,
      String library,
      AnnContender contender,
      int ef,
      float[][] queries,
      int[][] truth,
      int k) {
    int[] ids = new int[k];
    {
      contender.setEf(ef);
      int[][] found = new int[queries.length][];
      long scored = 0;
      for (int i = 0; i < queries.length; i++) {
        int n = contender.search(queries[i], k, ids);
        scored += contender.lastVisited();
        found[i] = Arrays.copyOf(ids, n);
      }
      double recall = RecallAgainstExact.recall(truth, found);
      double[] qps = new double[PASSES];
      int sink = 0;
      for (int p = 0; p < PASSES; p++) {
        long t0 = cpu();
        long done = 0;
        long used;
        do {
          for (float[] q : queries) {
            sink += contender.search(q, k, ids) + ids[0];
          }
          done += queries.length;
          used = cpu() - t0;
        } while (used < MIN_PASS_NANOS);
        qps[p] = done / (used / 1e9);
      }
      Arrays.sort(qps);
      double perQuery = contender.lastVisited() < 0 ? -1 : (double) scored / queries.length;
      String load = loadAverage();
      System.out.printf(
          Locale.ROOT,
          "%nANN-CURVE dataset=%s library=%s ef=%d recall=%.4f cpuQps=%.1f scored=%.0f load=%s"
              + "%n",
          dataset,
          library,
          contender.tunable() ? ef : 0,
          recall,
          qps[PASSES / 2],
          perQuery,
          load);
      sink(sink);
      append(
          String.format(
              Locale.ROOT,
              "%s\t%s\t%d\t%.4f\t%.1f\t%.0f\t%s%n",
              dataset,
              library,
              contender.tunable() ? ef : 0,
              recall,
              qps[PASSES / 2],
              perQuery,
              load));
    }
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
