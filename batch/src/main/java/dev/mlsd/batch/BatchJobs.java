package dev.mlsd.batch;

import dev.mlsd.core.demo.DemoLauncher;
import picocli.CommandLine.Command;

/**
 * The offline pipelines on Spark, one subcommand per job, named as the book names them:
 *
 * <pre>
 *   mvn -pl batch exec:java -Dexec.args="batch-features --master local[*]"
 *   spark-submit --class dev.mlsd.batch.BatchJobs batch/target/mlsd-batch-spark.jar batch-features
 * </pre>
 *
 * Every job reads the real sample by default ({@code MLSD_DATA_DIR}), writes Parquet under {@code
 * --out}, prints one summary line per output, and exits 2 with one line for a user mistake.
 */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description = "The book's offline pipelines on Apache Spark.",
    subcommands = {
      BatchFeaturesCommand.class,
      TrainingDataCommand.class,
      RecommendationCountsCommand.class,
      AlsCommand.class,
      ScaleCommand.class,
    })
public final class BatchJobs implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this),
        "name a job: batch-features, training-data, recommendation-counts, als, scale (see --help)");
  }

  /** Runs a job and exits non-zero on failure. */
  public static void main(String[] args) {
    DemoLauncher.run(new BatchJobs(), args);
  }
}
