package dev.mlsd.adctr.serving;

import dev.mlsd.adctr.data.Impression;
import dev.mlsd.adctr.features.HistoricalCtr;
import dev.mlsd.core.featurestore.FeatureMaterializer;
import dev.mlsd.core.featurestore.FeatureSchema;
import dev.mlsd.core.featurestore.FeatureStore;
import java.util.List;

/**
 * The ad's batch features in the feature store: per ad id, the four historical click-through rates
 * of {@link HistoricalCtr} (the ad's and its advertiser's, recent window and all history), as of
 * the end of the materialised period. {@code NaN} (the default) means no history; the pipeline
 * buckets it as such, exactly as training did.
 *
 * <p>Book: chapter 8, "Serving: data preparation pipeline" (batch features into the feature store).
 */
public final class AdFeatures {
  /** The feature group: 4 columns per ad, version 1. */
  public static final FeatureSchema SCHEMA =
      new FeatureSchema(
          "adctr_ad",
          1,
          HistoricalCtr.NAMES,
          new float[] {Float.NaN, Float.NaN, Float.NaN, Float.NaN});

  private AdFeatures() {}

  /**
   * The batch job: computes every ad's features after {@code history} and writes them.
   *
   * @return rows written
   */
  public static int materialise(
      FeatureStore store, AdCatalogue catalogue, HistoricalCtr ctr, List<Impression> history) {
    HistoricalCtr.Snapshot snap = ctr.materialise(history);
    int[] ids = new int[catalogue.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    float[] tmp = new float[4];
    return FeatureMaterializer.materialize(
        store,
        SCHEMA,
        ids,
        (id, out, offset) -> {
          snap.values(catalogue.adKey(id), catalogue.advertiserKey(id), tmp);
          System.arraycopy(tmp, 0, out, offset, 4);
        });
  }
}
