package dev.mlsd.harmful.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.metrics.classification.RocAuc;
import dev.mlsd.harmful.features.EncodedPosts;
import dev.mlsd.harmful.features.FeatureParams;
import dev.mlsd.harmful.features.Featurizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A small network on generated posts: it learns, and the served graph equals DL4J's output. */
class MultiTaskNetworkTest {
  private static final String[] NEUTRAL = {"day", "sun", "game", "food", "music", "team", "car"};
  private static EncodedPosts train;
  private static EncodedPosts validation;
  private static boolean[][] trainY;
  private static boolean[][] validationY;

  @BeforeAll
  static void data() {
    Featurizer f = Featurizer.standard(new FeatureParams(1 << 9, 3, 4, true, 3));
    List<String> texts = new ArrayList<>();
    List<boolean[]> y = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 600; i++) {
      boolean hate = r.nextInt(8) == 0;
      boolean offensive = !hate && r.nextInt(2) == 0;
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < 6; k++) {
        sb.append(NEUTRAL[r.nextInt(NEUTRAL.length)]).append(' ');
      }
      if (hate) {
        sb.append("faggot go away");
      } else if (offensive) {
        sb.append("shit bitch");
      }
      texts.add(sb.toString());
      y.add(new boolean[] {hate, offensive});
    }
    EncodedPosts all = f.encodeTexts(texts);
    train = f.encodeTexts(texts.subList(0, 450));
    validation = f.encodeTexts(texts.subList(450, 600));
    trainY = labels(y.subList(0, 450));
    validationY = labels(y.subList(450, 600));
    assertEquals(600, all.size());
  }

  private static boolean[][] labels(List<boolean[]> y) {
    boolean[][] out = new boolean[2][y.size()];
    for (int i = 0; i < y.size(); i++) {
      out[0][i] = y.get(i)[0];
      out[1][i] = y.get(i)[1];
    }
    return out;
  }

  private static MultiTaskParams small(LossChoice loss) {
    return new MultiTaskParams(
        new int[] {16, 8},
        0.0,
        0.01,
        0,
        32,
        6,
        3,
        loss,
        dev.mlsd.harmful.data.LabelWeights.UNIFORM,
        false,
        false,
        1);
  }

  @Test
  void learnsBothHeadsAndTheServedGraphMatchesDl4j() {
    MultiTaskNetwork net =
        MultiTaskNetwork.train(
            train,
            trainY,
            null,
            null,
            validation,
            validationY,
            small(LossChoice.CROSS_ENTROPY),
            11,
            x -> {});
    float[][] p = net.predict(validation);
    assertTrue(RocAuc.compute(p[0], validationY[0]) > 0.95, "hate head learns its words");
    assertTrue(RocAuc.compute(p[1], validationY[1]) > 0.95, "offensive head learns its words");
    InferenceGraph g = InferenceExport.export(net);
    assertEquals(2, g.outputWidth());
    assertTrue(InferenceExport.maxAbsDifference(p, InferenceExport.predict(g, validation)) < 1e-5);
  }

  @Test
  void idfWeightedBagLearnsAndIsServedExactlyByAPlainMeanBag() {
    MultiTaskNetwork net =
        MultiTaskNetwork.train(
            train,
            trainY,
            null,
            null,
            validation,
            validationY,
            small(LossChoice.CROSS_ENTROPY).withIdfWeighting(true),
            13,
            x -> {});
    float[][] p = net.predict(validation);
    assertTrue(RocAuc.compute(p[0], validationY[0]) > 0.95);
    assertTrue(
        InferenceExport.maxAbsDifference(
                p, InferenceExport.predict(InferenceExport.export(net), validation))
            < 1e-5);
  }

  @Test
  void threeClassHeadLearnsTheClassesAndLeavesTheServedBinaryHeadsExact() {
    int[] classes = new int[trainY[0].length];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = trainY[0][i] ? 0 : trainY[1][i] ? 1 : 2;
    }
    MultiTaskNetwork net =
        MultiTaskNetwork.train(
            train,
            trainY,
            null,
            classes,
            validation,
            validationY,
            small(LossChoice.CROSS_ENTROPY).withClassHead(true),
            14,
            x -> {});
    float[][] q = net.predictClasses(validation);
    assertEquals(3, q.length);
    for (int i = 0; i < q[0].length; i++) {
      assertEquals(1.0, q[0][i] + q[1][i] + q[2][i], 1e-5);
    }
    assertTrue(RocAuc.compute(q[0], validationY[0]) > 0.95, "class head finds hate");
    float[][] p = net.predict(validation);
    InferenceGraph g = InferenceExport.export(net);
    assertEquals(2, g.outputWidth());
    assertTrue(InferenceExport.maxAbsDifference(p, InferenceExport.predict(g, validation)) < 1e-5);
  }

  @Test
  void theClassHeadNeedsAClassPerPost() {
    MultiTaskParams p = small(LossChoice.CROSS_ENTROPY).withClassHead(true);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            MultiTaskNetwork.train(
                train, trainY, null, null, validation, validationY, p, 1, x -> {}));
  }

  @Test
  void focalLossTrainsAndWarmStartLeavesTheOriginalUntouched() {
    MultiTaskNetwork net =
        MultiTaskNetwork.train(
            train,
            trainY,
            null,
            null,
            validation,
            validationY,
            small(LossChoice.FOCAL),
            12,
            x -> {});
    float[][] before = net.predict(validation);
    assertTrue(RocAuc.compute(before[0], validationY[0]) > 0.9);
    MultiTaskNetwork next =
        net.continueTraining(train, trainY, null, null, validation, validationY, 1, x -> {});
    assertEquals(0.0, InferenceExport.maxAbsDifference(before, net.predict(validation)));
    assertTrue(next.lossPerEpoch().size() <= 1);
  }

  @Test
  void baselineLearnsToo() {
    HashedLogisticRegression lr = HashedLogisticRegression.train(train, trainY, 1.0);
    float[][] p = lr.predict(validation);
    assertTrue(RocAuc.compute(p[0], validationY[0]) > 0.95);
  }

  @Test
  void theHateClassWeightMultipliesTheHatePostsLossInTheScoreDl4jMinimises() {
    MultiTaskParams p = small(LossChoice.CROSS_ENTROPY).withHateClassWeight(6);
    org.deeplearning4j.nn.graph.ComputationGraph g =
        new org.deeplearning4j.nn.graph.ComputationGraph(
            MultiTaskNetwork.configuration(train.denseWidth(), p, 3));
    g.init();
    int[] rows = new int[40];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    SplittableRandom r = new SplittableRandom(9);
    float[] bagOut = new float[rows.length * 16];
    for (int k = 0; k < bagOut.length; k++) {
      bagOut[k] = (float) r.nextGaussian();
    }
    org.nd4j.linalg.dataset.MultiDataSet b =
        MultiTaskNetwork.batch(bagOut, train, trainY, null, null, rows);
    org.nd4j.linalg.api.ndarray.INDArray[] out = g.output(false, b.getFeatures());
    double expected = 0;
    for (int t = 0; t < 2; t++) {
      float[] q = out[t].castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat();
      for (int i = 0; i < rows.length; i++) {
        boolean y = trainY[t][i];
        double w = t == 0 && y ? 6 : 1;
        expected -= w * (y ? Math.log(q[i]) : Math.log(1 - q[i]));
      }
    }
    expected /= rows.length;
    assertEquals(expected, g.score(b), 1e-4 * expected);
    assertTrue(count(trainY[0], rows.length) > 0);
    assertThrows(
        IllegalArgumentException.class,
        () -> small(LossChoice.CROSS_ENTROPY).withHateClassWeight(0));
  }

  private static int count(boolean[] y, int n) {
    int c = 0;
    for (int i = 0; i < n; i++) {
      c += y[i] ? 1 : 0;
    }
    return c;
  }

  @Test
  void networksTrainedOnTwoThreadsAtOnceEqualTheSameTrainedAlone() throws Exception {
    MultiTaskParams p = small(LossChoice.CROSS_ENTROPY).withMaxEpochs(2);
    float[][] alone42 = trainAndPredict(p, 42);
    float[][] alone43 = trainAndPredict(p, 43);
    try (java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2)) {
      var a = pool.submit(() -> trainAndPredict(p, 42));
      var b = pool.submit(() -> trainAndPredict(p, 43));
      assertEquals(0.0, InferenceExport.maxAbsDifference(alone42, a.get()));
      assertEquals(0.0, InferenceExport.maxAbsDifference(alone43, b.get()));
    }
  }

  private static float[][] trainAndPredict(MultiTaskParams p, long seed) {
    return MultiTaskNetwork.train(
            train, trainY, null, null, validation, validationY, p, seed, x -> {})
        .predict(validation);
  }

  @Test
  void aWarmStartDoesNotDependOnWhatTheThreadDidBefore() throws Exception {
    MultiTaskParams p = // with dropout, the one use of ND4J's random in training
        new MultiTaskParams(
            new int[] {16, 8},
            0.3,
            0.01,
            0,
            32,
            1,
            3,
            LossChoice.CROSS_ENTROPY,
            dev.mlsd.harmful.data.LabelWeights.UNIFORM,
            false,
            false,
            1);
    MultiTaskNetwork base =
        MultiTaskNetwork.train(train, trainY, null, null, validation, validationY, p, 5, x -> {});
    float[][] here = warmStart(base);
    org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(12345); // disturb this thread's random
    org.nd4j.linalg.factory.Nd4j.rand(3, 3);
    assertEquals(0.0, InferenceExport.maxAbsDifference(here, warmStart(base)));
  }

  private static float[][] warmStart(MultiTaskNetwork base) {
    return base.continueTraining(train, trainY, null, null, validation, validationY, 1, x -> {})
        .predict(validation);
  }

  @Test
  void baselineClassWeightRaisesTheHateScoresAndRejectsZero() {
    float[] plain = HashedLogisticRegression.train(train, trainY, 1.0).predict(validation)[0];
    float[] weighted =
        HashedLogisticRegression.train(train, trainY, 1.0, new int[] {5, 1}).predict(validation)[0];
    assertTrue(mean(weighted) > mean(plain));
    assertThrows(
        IllegalArgumentException.class,
        () -> HashedLogisticRegression.train(train, trainY, 1.0, new int[] {0, 1}));
  }

  private static double mean(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x;
    }
    return s / v.length;
  }
}
