package dev.mlsd.batch;

import dev.mlsd.adctr.AdCtrParams;
import dev.mlsd.adctr.serving.AdFeatures;
import dev.mlsd.batch.features.AdBatchFeatures;
import dev.mlsd.batch.serving.FeatureStoreSink;
import dev.mlsd.core.demo.UserError;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code batch-features}: ad-ctr's historical CTRs from an impression log, past-only per impression
 * and as the serving snapshot, written as Parquet and (with {@code --store}) materialised into the
 * feature store under the keys ad-ctr's serving reads.
 */
@Command(
    name = "batch-features",
    mixinStandardHelpOptions = true,
    description = {
      "ad-ctr batch features: the ad's and the advertiser's historical CTR (recent window and all"
          + " history, past-only), as Parquet, and materialised into the feature store."
    })
final class BatchFeaturesCommand implements Callable<Integer> {
  @Mixin JobOptions job;

  @Option(
      names = "--input",
      description = "Criteo TSV file or Parquet log folder (default: criteo-sample's train.txt)")
  Path input;

  @Option(
      names = "--history-fraction",
      defaultValue = "0.9",
      description =
          "the share of the log (by time) the serving snapshot covers: ad-ctr's train +"
              + " validation (default ${DEFAULT-VALUE})")
  double historyFraction;

  @Option(
      names = "--store",
      description =
          "feature store to materialise into: redis://host:port or redis-cluster://h:p,...")
  String store;

  @Option(
      names = "--key-prefix",
      defaultValue = "mlsd:fs:",
      description = "default ${DEFAULT-VALUE}")
  String keyPrefix;

  @Override
  public Integer call() throws Exception {
    if (!(historyFraction > 0 && historyFraction <= 1)) {
      throw new UserError("--history-fraction must be in (0, 1], got " + historyFraction);
    }
    FeatureStoreSink sink = null;
    if (store != null) {
      try {
        sink = new FeatureStoreSink(store, keyPrefix);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
    AdCtrParams p = AdCtrParams.defaults(AdCtrParams.DEFAULT_DATASET, 42);
    AdBatchFeatures features = new AdBatchFeatures(p.ctrWindow(), p.ctrSmoothing());
    SparkSession spark = job.spark();
    Dataset<Row> log = JobOptions.impressions(spark, input).cache();
    long rows = log.count();
    long t0 = System.nanoTime();
    String byImpression = job.out("ad_ctr_by_impression");
    features.sequential(log).write().mode("overwrite").parquet(byImpression);
    System.out.printf(
        "batch features per impression (past-only, window %d, smoothing %.0f): %,d rows -> %s"
            + " (%.1f s)%n",
        p.ctrWindow(), p.ctrSmoothing(), rows, byImpression, (System.nanoTime() - t0) / 1e9);
    long history = Math.round(rows * historyFraction);
    Dataset<Row> serving =
        features.servingRows(log.where(log.col("time").lt(history)), p.catalogueAds()).cache();
    String byAd = job.out("ad_features");
    serving.write().mode("overwrite").parquet(byAd);
    System.out.printf(
        "serving snapshot after %,d impressions: %,d catalogue ads -> %s%n",
        history, serving.count(), byAd);
    if (sink != null) {
      long written = sink.materialise(serving, AdFeatures.SCHEMA);
      System.out.printf(
          "materialised %,d rows of %s into %s (keys %s%s:v%d:<ad id>)%n",
          written,
          AdFeatures.SCHEMA.featureNames(),
          store,
          keyPrefix,
          AdFeatures.SCHEMA.name(),
          AdFeatures.SCHEMA.version());
    } else {
      System.out.println("no --store given: the snapshot is not materialised");
    }
    return 0;
  }
}
