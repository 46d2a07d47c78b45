package dev.mlsd.batch;

import dev.mlsd.adctr.AdCtrParams;
import dev.mlsd.batch.data.ImpressionFrames;
import dev.mlsd.core.data.Datasets;
import dev.mlsd.core.demo.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The options every job shares: where Spark runs, what it reads, where it writes. */
public final class JobOptions {
  @Option(
      names = "--master",
      description =
          "Spark master: local[2], local[*], spark://host:7077 ...; omit under spark-submit"
              + " (default: local[*] unless spark-submit set one)")
  String master;

  @Option(
      names = "--shuffle-partitions",
      defaultValue = "8",
      description = "partitions after a shuffle (default ${DEFAULT-VALUE}; ~200+ on a cluster)")
  int shufflePartitions;

  @Option(
      names = "--out",
      defaultValue = "results/batch",
      description = "output folder for Parquet (default ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--verbose", description = "stack traces on errors")
  boolean verbose;

  /** The session for these options. */
  public SparkSession spark() {
    if (shufflePartitions < 1) {
      throw new UserError("--shuffle-partitions must be >= 1, got " + shufflePartitions);
    }
    String m = master;
    if (m == null && System.getProperty("spark.master") == null) {
      m = "local[*]";
    }
    return SparkSessions.open(m, shufflePartitions);
  }

  /** A path under {@code --out}, as a string for Spark. */
  public String out(String name) {
    return out.resolve(name).toAbsolutePath().toString();
  }

  /**
   * An impression log: a Criteo TSV file, a Parquet folder, or (when {@code input} is null) the
   * Criteo sample's {@code train.txt} from the datasets folder.
   */
  public static Dataset<Row> impressions(SparkSession spark, Path input)
      throws dev.mlsd.core.data.DatasetUnavailableException {
    if (input == null) {
      input = Datasets.require(AdCtrParams.DEFAULT_DATASET, "train.txt");
    }
    if (!Files.exists(input)) {
      throw new UserError("no such input: " + input);
    }
    if (Files.isDirectory(input)) {
      return ImpressionFrames.parquet(spark, input.toString());
    }
    return ImpressionFrames.criteoTsv(spark, input.toString(), null);
  }
}
