package dev.mlsd.adctr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.adctr.features.EncodedRows;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Scratch;
import dev.mlsd.core.metrics.classification.RocAuc;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded synthetic click data whose answer is known: a pairwise interaction drives the clicks. */
class ModelsTest {
  static final int FIELDS = 4;
  static final int PER_FIELD = 10;

  /** Field f takes a value in [0, 10); a click is likely when fields 0 and 1 agree in parity. */
  static EncodedRows data(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[][] ids = new int[n][FIELDS];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < FIELDS; f++) {
        ids[i][f] = f * PER_FIELD + r.nextInt(PER_FIELD);
      }
      boolean agree = (ids[i][0] % 2) == (ids[i][1] % 2);
      y[i] = r.nextDouble() < (agree ? 0.6 : 0.1);
    }
    float[][] dense = new float[n][1];
    String[][] cat = new String[n][0];
    return new EncodedRows(ids, ids, dense, cat, y);
  }

  @Test
  void ftrlLearnsAndIsSparse() {
    EncodedRows train = data(4000, 1);
    EncodedRows test = data(2000, 2);
    FtrlLogisticRegression m =
        FtrlLogisticRegression.train(
            "lr", FIELDS * PER_FIELD, FtrlLogisticRegression.Params.DEFAULT, train, x -> {});
    // a linear model cannot see the parity interaction: about chance
    double auc = RocAuc.compute(m.predict(test), test.labels());
    assertTrue(auc < 0.6, "LR should not capture the interaction: " + auc);
    FtrlLogisticRegression copy = m.copy("c");
    assertEquals(m.predict(test)[0], copy.predict(test)[0]);
  }

  @Test
  void factorisationMachineCapturesThePairwiseInteraction() {
    EncodedRows train = data(6000, 3);
    EncodedRows val = data(1000, 4);
    EncodedRows test = data(2000, 5);
    FactorizationMachine fm =
        FactorizationMachine.train(
            FIELDS * PER_FIELD,
            new FactorizationMachine.Params(4, 0.05, 1e-4, 10, 0.1),
            train,
            val,
            7,
            x -> {});
    double auc = RocAuc.compute(fm.predict(test), test.labels());
    assertTrue(auc > 0.7, "FM should learn the interaction: " + auc);
  }

  @Test
  void deepModelsLearnAndExportedGraphsMatchDl4j() {
    EncodedRows train = data(4000, 6);
    EncodedRows val = data(1000, 7);
    EncodedRows test = data(1000, 8);
    NeuralParams p = new NeuralParams(4, new int[] {32}, 2, 1e-2, 1e-5, 64, 10);
    int v = FIELDS * PER_FIELD;
    for (NeuralClickModel m :
        new NeuralClickModel[] {
          DeepCrossNetwork.train(FIELDS, v, p, train, val, 11, x -> {}),
          DeepFm.train(FIELDS, v, p, train, val, 11, x -> {})
        }) {
      float[] dl4j = m.predict(test);
      double auc = RocAuc.compute(dl4j, test.labels());
      assertTrue(auc > 0.7, m.name() + " should learn the interaction: " + auc);
      InferenceGraph g = InferenceExport.of(m);
      int[] ids = new int[test.size() * FIELDS];
      for (int i = 0; i < test.size(); i++) {
        System.arraycopy(test.fieldIds()[i], 0, ids, i * FIELDS, FIELDS);
      }
      float[] fast = new float[test.size()];
      Scratch s = g.newScratch(test.size());
      g.score(null, ids, test.size(), fast, s);
      double max = 0;
      for (int i = 0; i < fast.length; i++) {
        max = Math.max(max, Math.abs(fast[i] - dl4j[i]));
      }
      assertTrue(max <= 1e-5, m.name() + ": exported graph differs from DL4J by " + max);
    }
  }

  @Test
  void seededTrainingIsReproducible() {
    EncodedRows train = data(1000, 9);
    EncodedRows val = data(300, 10);
    NeuralParams p = new NeuralParams(4, new int[] {8}, 1, 5e-3, 1e-5, 128, 1);
    float[] a = DeepCrossNetwork.train(FIELDS, 40, p, train, val, 3, x -> {}).predict(val);
    float[] b = DeepCrossNetwork.train(FIELDS, 40, p, train, val, 3, x -> {}).predict(val);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-6f);
    }
  }
}
