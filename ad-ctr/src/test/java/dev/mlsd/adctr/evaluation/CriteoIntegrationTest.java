package dev.mlsd.adctr.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.adctr.AdCtrParams;
import dev.mlsd.adctr.AdCtrSystem;
import dev.mlsd.adctr.data.AdDatasets;
import dev.mlsd.adctr.data.ImpressionLog;
import dev.mlsd.adctr.data.TimeSplit;
import dev.mlsd.adctr.features.EncodedRows;
import dev.mlsd.adctr.features.FeaturePipeline;
import dev.mlsd.adctr.model.FtrlLogisticRegression;
import dev.mlsd.adctr.model.ModelLineup;
import dev.mlsd.adctr.model.ModelSpec;
import org.junit.jupiter.api.Test;

/** The real Criteo sample, end to end through the baseline: it must beat the prior. */
class CriteoIntegrationTest {
  @Test
  void logisticRegressionBeatsTheBackgroundRateOnTheLaterTestSplit() throws Exception {
    ImpressionLog log = AdDatasets.load("criteo-sample");
    assertEquals(10_000, log.size());
    assertEquals(0, log.malformed());
    FeaturePipeline p = new FeaturePipeline(log.schema(), FeaturePipeline.Params.DEFAULT);
    float[][] batch =
        AdCtrSystem.historicalCtr(
                AdCtrParams.defaults(AdCtrParams.DEFAULT_DATASET, 42), log.schema())
            .sequential(log.rows());
    EncodedRows all = EncodedRows.of(p, log.rows(), batch);
    TimeSplit.Parts parts = TimeSplit.DEFAULT.split(log.rows());
    int a = parts.train().size();
    int b = a + parts.validation().size();
    ModelSpec lr = ModelLineup.of(p).getFirst();
    ModelComparison.Entry e =
        ModelComparison.run(
            lr,
            all.slice(0, a),
            all.slice(a, b),
            all.slice(b, all.size()),
            new long[] {42},
            1.0,
            x -> {});
    assertTrue(e.model() instanceof FtrlLogisticRegression);
    ModelMetrics m = e.metrics();
    assertTrue(m.nce() < 1, "NCE " + m.nce());
    assertTrue(m.auc().estimate() > 0.70, "AUC " + m.auc());
    assertTrue(m.auc().lower() < m.auc().estimate() && m.auc().estimate() < m.auc().upper());
    ModelMetrics bg = ModelComparison.background(all.slice(0, a), all.slice(b, all.size()), 42);
    assertEquals(0.5, bg.auc().estimate(), 1e-9);
    assertEquals(1.0, bg.nce(), 0.01);
  }
}
