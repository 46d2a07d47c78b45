package dev.mlsd.batch;

import dev.mlsd.adctr.AdCtrParams;
import dev.mlsd.adctr.data.AdDatasets;
import dev.mlsd.adctr.data.ImpressionLog;
import dev.mlsd.adctr.features.HistoricalCtr;
import dev.mlsd.batch.data.SyntheticImpressionLog;
import dev.mlsd.batch.evaluation.ScaleSimulation;
import dev.mlsd.core.demo.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scale}: the batch-feature job in-process and on Spark over synthetic logs of growing size
 * (labelled synthetic), printing a Markdown table: wall time, rows per second, peak heap, and where
 * the in-process job stops.
 */
@Command(
    name = "scale",
    mixinStandardHelpOptions = true,
    description = {
      "Scale by simulation: ad-ctr's batch features in-process and on Spark over SYNTHETIC logs"
          + " with the Criteo sample's schema and skew (seeded)."
    })
final class ScaleCommand implements Callable<Integer> {
  @Mixin JobOptions job;

  @Option(
      names = "--rows",
      split = ",",
      defaultValue = "1000000,10000000",
      description = "log sizes, comma-separated (default ${DEFAULT-VALUE})")
  List<Long> rows;

  @Option(names = "--seed", defaultValue = "42", description = "default ${DEFAULT-VALUE}")
  long seed;

  @Option(
      names = "--partitions",
      defaultValue = "8",
      description = "partitions of the generated log (default ${DEFAULT-VALUE})")
  int partitions;

  @Option(names = "--spark-only", description = "skip the in-process job")
  boolean sparkOnly;

  @Option(names = "--in-process-only", description = "skip the Spark job")
  boolean inProcessOnly;

  @Override
  public Integer call() throws Exception {
    for (long n : rows) {
      if (n < 1) {
        throw new UserError("--rows must be positive, got " + n);
      }
    }
    if (sparkOnly && inProcessOnly) {
      throw new UserError("--spark-only and --in-process-only exclude each other");
    }
    AdCtrParams p = AdCtrParams.defaults(AdCtrParams.DEFAULT_DATASET, seed);
    ImpressionLog sample = AdDatasets.load(p.dataset());
    HistoricalCtr ctr = new HistoricalCtr(sample.schema(), p.ctrWindow(), p.ctrSmoothing());
    SparkSession spark = inProcessOnly ? null : job.spark();
    Path tmp = Files.createTempDirectory("mlsd-scale");
    System.out.printf(
        "SYNTHETIC logs (seed %d) with the %s sample's schema and skew; max heap %.1f GB;"
            + " load %s%n",
        seed, p.dataset(), Runtime.getRuntime().maxMemory() / 1e9, loadAverage());
    System.out.println("| rows | job | wall | rows/s | peak heap | outcome |");
    System.out.println("|---|---|---|---|---|---|");
    List<ScaleSimulation.Run> runs = new ArrayList<>();
    for (long n : rows) {
      SyntheticImpressionLog gen = SyntheticImpressionLog.from(sample, seed, n);
      if (!sparkOnly) {
        ScaleSimulation.Run r = ScaleSimulation.inProcess(gen, ctr);
        runs.add(r);
        System.out.println(r.markdown());
      }
      if (!inProcessOnly) {
        ScaleSimulation.Run s =
            ScaleSimulation.spark(
                spark, gen, ctr, partitions, tmp.resolve("features-" + n).toString());
        runs.add(s);
        System.out.println(s.markdown());
      }
      System.out.println("(load " + loadAverage() + ")");
    }
    deleteTree(tmp);
    return 0;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static void deleteTree(Path p) throws java.io.IOException {
    try (var walk = Files.walk(p)) {
      for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
