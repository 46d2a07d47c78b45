package dev.mlsd.visualsearch;

import dev.mlsd.core.data.Datasets;
import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.demo.UserError;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.visualsearch.data.FashionMnist;
import dev.mlsd.visualsearch.data.GalleryQuerySplit;
import dev.mlsd.visualsearch.data.ImageSet;
import dev.mlsd.visualsearch.evaluation.ClassRelevance;
import dev.mlsd.visualsearch.evaluation.RetrievalEvaluation;
import dev.mlsd.visualsearch.features.Augmenter;
import dev.mlsd.visualsearch.features.Preprocessor;
import dev.mlsd.visualsearch.model.CnnEncoder;
import dev.mlsd.visualsearch.model.ContrastiveTrainer;
import dev.mlsd.visualsearch.model.Encoder;
import dev.mlsd.visualsearch.model.EncoderConfig;
import dev.mlsd.visualsearch.model.RawPixelEmbedder;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Chooses the encoder's hyper-parameters on a validation split, never on the test queries: 5,000 of
 * the 60,000 Fashion-MNIST training images become validation queries against the other 55,000
 * ({@link GalleryQuerySplit#validation}); each candidate is trained self-supervised on all 60,000
 * training images (no labels) for the same time budget, and its validation mAP@10 is printed beside
 * raw pixels'. The candidates: the demo's setting, weaker augmentations, a higher temperature, a
 * higher learning rate, a smaller batch. Run it on a quiet machine; every candidate costs its
 * budget plus about a minute of evaluation.
 *
 * <pre>
 *   mvn -pl visual-search exec:java -Dexec.mainClass=dev.mlsd.visualsearch.EncoderTuning \
 *       -Dexec.args="--train-seconds 180"
 * </pre>
 *
 * <p>Book: chapter 2, "Model training" (hyper-parameters chosen on held-out data).
 */
@Command(
    name = "encoder-tuning",
    mixinStandardHelpOptions = true,
    description = "Validation mAP@10 of encoder candidates (Fashion-MNIST, no test queries).")
public final class EncoderTuning implements Callable<Integer> {
  @Option(
      names = "--train-seconds",
      defaultValue = "180",
      description = "training budget per candidate (default 180)")
  int trainSeconds;

  @Option(names = "--seed", defaultValue = "42", description = "seed (default 42)")
  long seed;

  private final PrintStream out;

  EncoderTuning(PrintStream out) {
    this.out = out;
  }

  /** Runs the tuning; see {@code --help}. */
  public static void main(String[] args) {
    DemoLauncher.run(new EncoderTuning(System.out), args);
  }

  /** The candidates, by name; the first is the demo's setting. */
  static Map<String, EncoderConfig> candidates(int h, int w, int c, int budget) {
    EncoderConfig d = EncoderConfig.standard(h, w, c, budget);
    Augmenter a = d.augmenter();
    Augmenter weaker = new Augmenter(0.8, 0.5, 2, a.noiseStd(), 0.3, 0.1);
    Map<String, EncoderConfig> m = new LinkedHashMap<>();
    m.put("demo setting", d);
    m.put(
        "weaker augmentations " + weaker,
        with(d, d.temperature(), d.batchImages(), d.learningRate(), weaker));
    m.put("temperature 0.5", with(d, 0.5, d.batchImages(), d.learningRate(), a));
    m.put("learning rate 3e-3", with(d, d.temperature(), d.batchImages(), 3e-3, a));
    m.put("batch 128 images", with(d, d.temperature(), 128, d.learningRate(), a));
    return m;
  }

  private static EncoderConfig with(
      EncoderConfig d, double temperature, int batch, double learningRate, Augmenter a) {
    return new EncoderConfig(
        d.height(),
        d.width(),
        d.channels(),
        d.conv1(),
        d.conv2(),
        d.conv3(),
        d.representation(),
        d.projection(),
        temperature,
        batch,
        learningRate,
        d.maxEpochs(),
        d.budgetSeconds(),
        a);
  }

  @Override
  public Integer call() throws Exception {
    if (trainSeconds < 1) {
      throw new UserError("--train-seconds must be at least 1, got " + trainSeconds);
    }
    FashionMnist.Split train = FashionMnist.train(Datasets.fromEnvironment());
    ImageSet images = train.images();
    GalleryQuerySplit split = GalleryQuerySplit.validation(images, 5_000, seed);
    out.println(split.description());
    Preprocessor pre = Preprocessor.fit(images);
    RetrievalEvaluation validation =
        new RetrievalEvaluation(
            split,
            pre.applyAll(split.gallery()),
            pre.applyAll(split.queries()),
            ClassRelevance.FASHION_GROUPS,
            Bootstrap.of(seed));
    out.printf(
        "%-60s validation mAP@10 %s%n",
        "raw pixels",
        validation.evaluate(new RawPixelEmbedder(pre)).metrics().metrics().get("map@10"));
    for (Map.Entry<String, EncoderConfig> e :
        candidates(images.height(), images.width(), images.channels(), trainSeconds).entrySet()) {
      EncoderConfig c = e.getValue();
      ContrastiveTrainer.Result r =
          new ContrastiveTrainer(c, seed).train(images, pre, (epoch, step, total, loss) -> {});
      Encoder encoder = new Encoder(e.getKey(), CnnEncoder.export(r.network(), c));
      out.printf(
          "%-60s validation mAP@10 %s (%d steps, %.2f epochs, last loss %.3f)%n",
          e.getKey(),
          validation.evaluate(encoder).metrics().metrics().get("map@10"),
          r.steps(),
          r.epochsDone(),
          r.lossPerEpoch().getLast());
    }
    return 0;
  }
}
