package dev.mlsd.adctr.serving;

import dev.mlsd.adctr.AdCtrParams;
import dev.mlsd.adctr.AdCtrSystem;
import dev.mlsd.adctr.data.AdDatasets;
import dev.mlsd.adctr.data.ImpressionLog;
import dev.mlsd.adctr.features.FeaturePipeline;
import dev.mlsd.adctr.features.HistoricalCtr;
import dev.mlsd.adctr.model.PlattCalibrator;
import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Pooling;
import java.io.IOException;

/**
 * The real Criteo sample cut for serving tests: the history is the rows before {@link #next}, the
 * first row from 2,000 on whose ad was already shown (so it is in the catalogue).
 */
final class ServingFixture {
  final AdCtrParams params = AdCtrParams.defaults(AdCtrParams.DEFAULT_DATASET, 1);
  final int next;
  final ImpressionLog log;
  final FeaturePipeline pipeline;
  final HistoricalCtr ctr;
  final AdCatalogue catalogue;

  ServingFixture() throws IOException {
    log = AdDatasets.load(params.dataset());
    pipeline = new FeaturePipeline(log.schema(), params.features());
    ctr = AdCtrSystem.historicalCtr(params, log.schema());
    java.util.Set<Long> seen = new java.util.HashSet<>();
    int j = 0;
    while (true) {
      long key = ctr.adKey(log.rows().get(j).categorical());
      if (j >= 2000 && seen.contains(key)) {
        break;
      }
      seen.add(key);
      j++;
    }
    next = j;
    catalogue = AdCtrSystem.catalogue(params, pipeline, log.rows().subList(0, next));
  }

  /**
   * A model whose logit is the sum of one weight per id, weights from a seeded hash: cheap, and
   * every id matters, so a wrong id changes the score.
   */
  /** A card for the test model. */
  static dev.mlsd.core.io.ModelCard card() {
    return new dev.mlsd.core.io.ModelCard(
        "test-sum",
        "1",
        "criteo-sample",
        "",
        "first rows",
        1,
        java.util.Map.of(),
        java.util.Map.of(),
        0,
        "test");
  }

  ServedModel model() {
    float[] table = new float[pipeline.featureCount()];
    for (int i = 0; i < table.length; i++) {
      table[i] = (float) ((dev.mlsd.adctr.features.HashedField.mix(i) % 1000) / 1000.0 * 0.1);
    }
    InferenceGraph.Builder b = InferenceGraph.builder(0, pipeline.fieldCount());
    int e = b.embedding(0, pipeline.fieldCount(), table, 1, Pooling.SUM);
    b.activation(e, Activation.SIGMOID);
    return new ServedModel(b.build(), PlattCalibrator.IDENTITY);
  }
}
