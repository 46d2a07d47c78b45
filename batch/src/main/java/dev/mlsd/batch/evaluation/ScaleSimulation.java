package dev.mlsd.batch.evaluation;

import dev.mlsd.adctr.data.Impression;
import dev.mlsd.adctr.features.HistoricalCtr;
import dev.mlsd.batch.data.SyntheticImpressionLog;
import dev.mlsd.batch.features.AdBatchFeatures;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The scale simulation: ad-ctr's batch-feature job on a synthetic log of {@code n} rows ({@link
 * SyntheticImpressionLog}), in-process ({@link HistoricalCtr}: the log held in memory as ad-ctr's
 * {@link Impression}s, the past-only values per impression, the serving snapshot) and on Spark
 * ({@link AdBatchFeatures}: generated in partitions, the past-only values written as Parquet, the
 * snapshot counted). Each run reports wall time, rows per second and the JVM's peak heap; the
 * in-process job stops, and says so, when the log would not fit in {@value #HEAP_SHARE} of the heap
 * or a step runs out of memory.
 *
 * <p>Both jobs run in this JVM one after the other (Spark's driver and its local executors share
 * the heap), so "peak heap" is the whole JVM's for that job.
 *
 * <p>Book: chapter 1, "Scaling"; chapter 8, "Serving: data preparation pipeline".
 */
public final class ScaleSimulation {
  /** The in-process job stops loading when the heap is this full. */
  public static final double HEAP_SHARE = 0.85;

  /**
   * One job's figures.
   *
   * @param rows the log's rows
   * @param job "in-process" or "Spark " + master
   * @param seconds wall time (0 if it stopped)
   * @param peakHeapBytes the heap's peak during the job
   * @param outcome "ok" or why it stopped
   */
  public record Run(long rows, String job, double seconds, long peakHeapBytes, String outcome) {
    /** One Markdown table row. */
    public String markdown() {
      return String.format(
          Locale.ROOT,
          "| %,d | %s | %s | %s | %.2f GB | %s |",
          rows,
          job,
          seconds > 0 ? String.format(Locale.ROOT, "%.1f s", seconds) : "-",
          seconds > 0 ? String.format(Locale.ROOT, "%,.0f", rows / seconds) : "-",
          peakHeapBytes / 1e9,
          outcome);
    }
  }

  private ScaleSimulation() {}

  /** The in-process job on {@code gen}'s rows. */
  public static Run inProcess(SyntheticImpressionLog gen, HistoricalCtr ctr) {
    resetPeaks();
    long t0 = System.nanoTime();
    long n = gen.rows();
    Runtime rt = Runtime.getRuntime();
    try {
      if (n > Integer.MAX_VALUE - 8) {
        return new Run(n, "in-process", 0, peakHeap(), "stopped: more rows than a Java list holds");
      }
      List<Impression> rows = new ArrayList<>((int) n);
      for (long i = 0; i < n; i++) {
        rows.add(gen.row(i));
        if ((i & 0xFFFFF) == 0xFFFFF
            && rt.totalMemory() - rt.freeMemory() > HEAP_SHARE * rt.maxMemory()) {
          System.gc();
          if (rt.totalMemory() - rt.freeMemory() > HEAP_SHARE * rt.maxMemory()) {
            long at = i + 1;
            rows = null;
            return new Run(
                n,
                "in-process",
                0,
                peakHeap(),
                String.format(
                    Locale.ROOT,
                    "stopped: heap %.0f%% full after loading %,d rows (max heap %.1f GB)",
                    HEAP_SHARE * 100,
                    at,
                    rt.maxMemory() / 1e9));
          }
        }
      }
      float[][] perImpression = ctr.sequential(rows);
      HistoricalCtr.Snapshot snap = ctr.materialise(rows);
      double s = (System.nanoTime() - t0) / 1e9;
      if (perImpression.length != n || snap.byAd().isEmpty()) {
        throw new IllegalStateException("in-process job returned nothing");
      }
      return new Run(n, "in-process", s, peakHeap(), "ok");
    } catch (OutOfMemoryError e) {
      return new Run(n, "in-process", 0, peakHeap(), "stopped: out of memory");
    }
  }

  /** The Spark job on {@code gen}'s rows, Parquet written under {@code outDir}. */
  public static Run spark(
      SparkSession spark,
      SyntheticImpressionLog gen,
      HistoricalCtr ctr,
      int partitions,
      String out) {
    System.gc();
    resetPeaks();
    long t0 = System.nanoTime();
    AdBatchFeatures job = AdBatchFeatures.of(ctr);
    Dataset<Row> log = gen.frame(spark, partitions);
    // the log is generated (read) once; both forms start from its keys
    Dataset<Row> keyed =
        AdBatchFeatures.keys(log).persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    job.sequentialOfKeys(keyed).write().mode("overwrite").parquet(out);
    long keys = job.snapshotOfKeys(keyed).count();
    double s = (System.nanoTime() - t0) / 1e9;
    spark.catalog().clearCache();
    if (keys == 0) {
      throw new IllegalStateException("Spark job returned nothing");
    }
    return new Run(gen.rows(), "Spark " + spark.sparkContext().master(), s, peakHeap(), "ok");
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
