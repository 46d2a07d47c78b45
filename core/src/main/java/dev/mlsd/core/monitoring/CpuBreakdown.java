package dev.mlsd.core.monitoring;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a load test's CPU went in the server's JVM, per thread group: the HTTP workers, Jetty's I/O
 * threads, the feature store's Redis threads, the JIT and garbage collection, and how much of the
 * machine's cores this JVM got over the wall time (the load generator runs in a JVM of its own and
 * reports its own CPU). Printed by the load commands ({@code ToyServer --load} and each module's),
 * so a missed latency goal can be read against where the time was spent.
 *
 * <p>Thread safety: one instance per load test, used from one thread.
 */
public final class CpuBreakdown {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<String, Long> startByGroup;
  private final long gcStartMillis;
  private final long processStartNanos;
  private final long wallStartNanos = System.nanoTime();

  private CpuBreakdown() {
    startByGroup = cpuByGroup();
    gcStartMillis = gcMillis();
    processStartNanos = processCpuNanos();
  }

  /** Takes the starting counters. */
  public static CpuBreakdown start() {
    return new CpuBreakdown();
  }

  /**
   * CPU per thread group since {@link #start()}, one line each, and the JVM's share of the cores.
   */
  public String toText() {
    double wall = (System.nanoTime() - wallStartNanos) / 1e9;
    double process = (processCpuNanos() - processStartNanos) / 1e9;
    int cores = Runtime.getRuntime().availableProcessors();
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "CPU over %.1f s of wall time on %d cores: this JVM %.1f s (%.0f%% of the cores;"
                + " the rest went to other processes or idled)%n",
            wall,
            cores,
            process,
            100 * process / (wall * cores)));
    Map<String, Long> now = cpuByGroup();
    double listed = 0;
    for (Map.Entry<String, Long> e : now.entrySet()) {
      double seconds = (e.getValue() - startByGroup.getOrDefault(e.getKey(), 0L)) / 1e9;
      listed += seconds;
      if (seconds >= 0.05) {
        b.append(String.format(Locale.ROOT, "  %-28s %7.1f s%n", e.getKey(), seconds));
      }
    }
    // threads that have ended by now, the JIT compiler and the collector's own threads are not
    // listed one by one (the load generator runs in a JVM of its own and reports its own CPU)
    b.append(
        String.format(
            Locale.ROOT,
            "  %-28s %7.1f s%n",
            "JIT, GC, ended threads",
            Math.max(0, process - listed)));
    b.append(
        String.format(
            Locale.ROOT,
            "  %-28s %7.1f s (collector pause time, not CPU)%n",
            "garbage collection",
            (gcMillis() - gcStartMillis) / 1e3));
    return b.toString();
  }

  /**
   * Thread CPU grouped by the thread's name without its trailing number ("toy-http-2" →
   * "toy-http").
   */
  private Map<String, Long> cpuByGroup() {
    Map<String, Long> byGroup = new TreeMap<>();
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t == null) {
        continue;
      }
      long cpu = threads.getThreadCpuTime(t.getThreadId());
      if (cpu > 0) {
        String group = t.getThreadName().replaceAll("[-_ ]?\\d+$", "");
        byGroup.merge(group, cpu, Long::sum);
      }
    }
    return byGroup;
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
