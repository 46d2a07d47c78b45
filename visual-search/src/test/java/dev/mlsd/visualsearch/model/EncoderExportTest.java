package dev.mlsd.visualsearch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.io.CorruptArtifactException;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.visualsearch.data.FashionMnist;
import dev.mlsd.visualsearch.data.GalleryQuerySplit;
import dev.mlsd.visualsearch.data.ImageSet;
import dev.mlsd.visualsearch.features.Augmenter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The encoder on core's inference path equals DL4J's forward pass (greyscale and colour), the
 * contrastive trainer's first steps lower the loss, the cache round-trips by card key, and the
 * demo's default encoder is found under the key the demo saves it by.
 */
class EncoderExportTest {
  @Test
  void learningRateWarmsUpThenDecaysAlongACosine() {
    assertEquals(1.0 / ContrastiveTrainer.WARMUP_STEPS, ContrastiveTrainer.rate(0, 0), 1e-12);
    assertEquals(1.0, ContrastiveTrainer.rate(ContrastiveTrainer.WARMUP_STEPS - 1, 0), 1e-12);
    assertEquals(0.5, ContrastiveTrainer.rate(500, 0.5), 1e-12);
    assertEquals(0.0, ContrastiveTrainer.rate(500, 1.0), 1e-12);
    assertEquals(0.0, ContrastiveTrainer.rate(500, 1.7), 1e-12, "past the budget: zero");
  }

  @Test
  void theScheduleSkipsOnlyTheRunningStatistics() {
    MultiLayerNetwork net = CnnEncoder.network(small(28, 1), 1);
    long scheduled = 0;
    for (long[] range : ContrastiveTrainer.scheduledRanges(net)) {
      scheduled += range[1] - range[0];
    }
    long statistics = 0;
    for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
      if (l.paramTable().containsKey("mean")) {
        statistics += l.paramTable().get("mean").length() + l.paramTable().get("var").length();
      }
    }
    assertEquals(net.numParams() - statistics, scheduled);
    assertEquals(2 * (4 + 6 + 8 + 16), statistics);
  }

  @TempDir Path tmp;

  private static EncoderConfig small(int side, int channels) {
    return new EncoderConfig(
        side, side, channels, 4, 6, 8, 16, 8, 0.5, 8, 1e-2, 1, 60, Augmenter.DEFAULT);
  }

  private static float[] images(int rows, int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[rows * size];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  @Test
  void inferenceGraphMatchesDl4jForGreyAndColour() {
    for (int[] shape : new int[][] {{28, 1}, {32, 3}}) {
      EncoderConfig c = small(shape[0], shape[1]);
      MultiLayerNetwork net = CnnEncoder.network(c, 5);
      net.params().muli(3); // larger weights: any layout slip shows
      // running statistics away from their initial 0 and 1: a slip in the folds shows
      SplittableRandom stats = new SplittableRandom(11);
      for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
        if (l.paramTable().containsKey("mean")) {
          INDArray mean = l.paramTable().get("mean");
          INDArray var = l.paramTable().get("var");
          for (long j = 0; j < mean.length(); j++) {
            mean.putScalar(j, stats.nextGaussian());
            var.putScalar(j, 0.2 + 2 * stats.nextDouble());
          }
        }
      }
      InferenceGraph g = CnnEncoder.export(net, c);
      int rows = 3;
      float[] x = images(rows, shape[0] * shape[0] * shape[1], 9);
      INDArray ref = CnnEncoder.dl4jRepresentation(net, c, x, rows);
      float[] out = new float[rows * c.representation()];
      g.score(x, rows, out, g.newScratch(2));
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < c.representation(); j++) {
          double want = ref.getDouble(r, j);
          assertEquals(
              want,
              out[r * c.representation() + j],
              1e-4 * Math.max(1, Math.abs(want)),
              shape[0] + "x" + shape[1] + " row " + r + " dim " + j);
        }
      }
    }
  }

  @Test
  void trainingStepsLowerTheLossAndTheCacheRoundTrips() throws Exception {
    EncoderConfig c = small(28, 1);
    var set = dev.mlsd.visualsearch.serving.ServingFixtureAccess.images(64);
    var pre = dev.mlsd.visualsearch.features.Preprocessor.fit(set);
    double[] first = {Double.NaN};
    double[] last = {0};
    ContrastiveTrainer.Result r =
        new ContrastiveTrainer(
                new EncoderConfig(
                    28, 28, 1, 4, 6, 8, 16, 8, 0.5, 16, 1e-2, 6, 60, Augmenter.DEFAULT),
                3)
            .train(
                set,
                pre,
                (epoch, step, total, loss) -> {
                  if (Double.isNaN(first[0])) {
                    first[0] = loss;
                  }
                  last[0] = loss;
                });
    assertEquals(24, r.steps());
    assertTrue(last[0] < first[0], "loss " + first[0] + " -> " + last[0]);
    // training moved the representation's running mean (the batch-norm statistics are trained)
    INDArray mean = r.network().getLayer(CnnEncoder.REPRESENTATION_LAYER).paramTable().get("mean");
    assertTrue(mean.norm2Number().doubleValue() > 1e-3, "running mean " + mean);

    EncoderStore store = new EncoderStore(tmp);
    EncoderConfig trainedConfig =
        new EncoderConfig(28, 28, 1, 4, 6, 8, 16, 8, 0.5, 16, 1e-2, 6, 60, Augmenter.DEFAULT);
    String key = EncoderStore.key("data-sha", trainedConfig, 3);
    assertNotEquals(key, EncoderStore.key("data-sha", trainedConfig, 4), "the seed is in the key");
    assertNull(store.load(key, trainedConfig, 3));
    ModelCard card =
        new ModelCard(
            "m",
            key,
            "toy",
            "data-sha",
            "all",
            3,
            trainedConfig.asMap(),
            Map.of("steps", 24.0),
            1,
            "dev");
    Path file = store.save(key, r.network(), card);
    EncoderStore.Cached back = store.load(key, trainedConfig, 3);
    assertArrayEquals(
        r.network().params().data().asFloat(), back.network().params().data().asFloat());
    assertEquals(card, back.card());

    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    assertThrows(CorruptArtifactException.class, () -> store.load(key, trainedConfig, 3));
  }

  @Test
  void theDemosEncoderIsFoundByTheKeyTheDemoSavesItUnderAndNoOther() throws Exception {
    ImageSet gallery = images("train", 3);
    ImageSet queries = images("test", 2);
    EncoderStore store = new EncoderStore(tmp);
    EncoderStore.DemoEncoder none = store.demoEncoder(gallery, queries);
    assertNull(none.cached());
    assertTrue(none.describe().startsWith("random weights"), none.describe());
    EncoderConfig demo = EncoderConfig.standard(28, 28, 1, EncoderConfig.DEFAULT_BUDGET_SECONDS);
    assertEquals(demo, none.config());
    assertEquals(
        CnnEncoder.network(demo, EncoderStore.DEMO_SEED).params(),
        none.networkOrRandom().params(),
        "seeded random weights");

    GalleryQuerySplit split = GalleryQuerySplit.of(gallery, queries);
    String sha = FashionMnist.contentSha256();
    MultiLayerNetwork other = CnnEncoder.network(demo, 7);
    ModelCard card =
        new ModelCard("m", "k", "fashion-mnist", sha, "all", 42, demo.asMap(), Map.of(), 1, "dev");
    // another budget, the supervised reference: never picked
    EncoderConfig shorter = EncoderConfig.standard(28, 28, 1, 60);
    store.save(EncoderStore.key(sha, split, false, shorter, 42), other, card);
    store.save(EncoderStore.key(sha, split, true, demo, 42), other, card);
    assertNull(store.demoEncoder(gallery, queries).cached());

    // the key VisualSearchSystem saves the self-supervised encoder under
    store.save(EncoderStore.key(sha, split, false, demo, 42), other, card);
    EncoderStore.DemoEncoder found = store.demoEncoder(gallery, queries);
    assertEquals(store.file(found.key()), found.cached().file());
    assertEquals(other.params(), found.networkOrRandom().params());
    assertTrue(found.describe().contains(found.key()), found.describe());
  }

  private static ImageSet images(String name, int n) {
    return new ImageSet(name, n, 28, 28, 1, new byte[n * 784], new int[n], List.of("T-shirt/top"));
  }
}
