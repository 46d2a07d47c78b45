package dev.mlsd.adctr.model;

import dev.mlsd.adctr.features.FeaturePipeline;
import java.util.List;

/**
 * The book's lineup for ad click prediction, in the order the chapter discusses it: logistic
 * regression on hashed features plus crosses (the baseline), GBDT + LR, the factorisation machine,
 * DCN and DeepFM. The trivial background-CTR predictor is evaluated beside them.
 *
 * <p>Book: chapter 8, "Model development".
 */
public final class ModelLineup {
  private ModelLineup() {}

  /** The five models, for a pipeline's feature layout, neural ones with the default settings. */
  public static List<ModelSpec> of(FeaturePipeline p) {
    return of(p, NeuralParams.DEFAULT);
  }

  /** The five models, for a pipeline's feature layout, neural ones with {@code nn}. */
  public static List<ModelSpec> of(FeaturePipeline p, NeuralParams nn) {
    FtrlLogisticRegression.Params lr = FtrlLogisticRegression.Params.DEFAULT;
    GbdtPlusLr.Params gb = GbdtPlusLr.Params.DEFAULT;
    FactorizationMachine.Params fm = FactorizationMachine.Params.DEFAULT;
    return List.of(
        new ModelSpec(
            "LR (FTRL)",
            false,
            lr.toString(),
            (tr, va, seed, prog) ->
                FtrlLogisticRegression.train("LR (FTRL)", p.linearFeatureCount(), lr, tr, prog)),
        new ModelSpec(
            "GBDT+LR",
            false,
            gb.toString(),
            (tr, va, seed, prog) -> GbdtPlusLr.train(p.linearFeatureCount(), gb, tr, seed, prog)),
        new ModelSpec(
            "FM",
            false,
            fm.toString(),
            (tr, va, seed, prog) ->
                FactorizationMachine.train(p.featureCount(), fm, tr, va, seed, prog)),
        new ModelSpec(
            "DCN",
            true,
            nn.describe(),
            (tr, va, seed, prog) ->
                DeepCrossNetwork.train(p.fieldCount(), p.featureCount(), nn, tr, va, seed, prog)),
        new ModelSpec(
            "DeepFM",
            true,
            nn.describe(),
            (tr, va, seed, prog) ->
                DeepFm.train(p.fieldCount(), p.featureCount(), nn, tr, va, seed, prog)));
  }
}
