package dev.mlsd.batch;

import dev.mlsd.adctr.AdCtrParams;
import dev.mlsd.batch.features.AdBatchFeatures;
import dev.mlsd.batch.features.TrainingDataGeneration;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code training-data}: ad-ctr's labelled training rows from an impression log, as Parquet. */
@Command(
    name = "training-data",
    mixinStandardHelpOptions = true,
    description = {
      "ad-ctr training-data generation: impressions joined with their past-only batch features and"
          + " encoded by ad-ctr's feature pipeline (field ids, linear ids, dense inputs, label)."
    })
final class TrainingDataCommand implements Callable<Integer> {
  @Mixin JobOptions job;

  @Option(
      names = "--input",
      description = "Criteo TSV file or Parquet log folder (default: criteo-sample's train.txt)")
  Path input;

  @Override
  public Integer call() throws Exception {
    AdCtrParams p = AdCtrParams.defaults(AdCtrParams.DEFAULT_DATASET, 42);
    TrainingDataGeneration gen =
        new TrainingDataGeneration(
            new AdBatchFeatures(p.ctrWindow(), p.ctrSmoothing()), p.features());
    Dataset<Row> log = JobOptions.impressions(job.spark(), input);
    long t0 = System.nanoTime();
    String path = job.out("ad_training_rows");
    long n = gen.write(log, path);
    System.out.printf(
        "training rows: %,d labelled rows -> %s (%.1f s)%n",
        n, path, (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
