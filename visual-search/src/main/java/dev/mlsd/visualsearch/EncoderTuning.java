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
 * raw pixels'. The candidates ({@link #candidates}) each change one thing of the demo's setting;
 * {@code --candidates} picks some. Run it on a quiet machine; every candidate costs its budget plus
 * about half a minute of evaluation.
 *
 * <pre>
 *   mvn -pl visual-search exec:java -Dexec.mainClass=dev.mlsd.visualsearch.EncoderTuning \
 *       -Dexec.args="--train-seconds 150 --candidates demo,t0.2,lr3e-3"
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

  @Option(
      names = "--candidates",
      split = ",",
      description =
          "candidates to train, by name (default: all): demo, t0.5, t0.1, t1.0, lr3e-3, lr3e-4,"
              + " strong-aug, batch128, batch512")
  java.util.List<String> only;

  private final PrintStream out;

  EncoderTuning(PrintStream out) {
    this.out = out;
  }

  /** Runs the tuning; see {@code --help}. */
  public static void main(String[] args) {
    DemoLauncher.run(new EncoderTuning(System.out), args);
  }

  /**
   * The candidates, by name; the first is the demo's setting. Each changes one thing of it: the
   * temperature, the peak learning rate, the augmentations (the previous, stronger ones: crops to
   * half the area, noise half the time, erasing a quarter), the batch.
   */
  static Map<String, EncoderConfig> candidates(int h, int w, int c, int budget) {
    EncoderConfig d = EncoderConfig.standard(h, w, c, budget);
    Augmenter a = d.augmenter();
    Augmenter stronger = new Augmenter(0.5, 0.5, 2, 0.05, 0.5, 0.25);
    Map<String, EncoderConfig> m = new LinkedHashMap<>();
    m.put("demo", d);
    m.put("t0.5", with(d, 0.5, d.batchImages(), d.learningRate(), a));
    m.put("t0.1", with(d, 0.1, d.batchImages(), d.learningRate(), a));
    m.put("t1.0", with(d, 1.0, d.batchImages(), d.learningRate(), a));
    m.put("lr3e-3", with(d, d.temperature(), d.batchImages(), 3e-3, a));
    m.put("lr3e-4", with(d, d.temperature(), d.batchImages(), 3e-4, a));
    m.put("strong-aug", with(d, d.temperature(), d.batchImages(), d.learningRate(), stronger));
    m.put("batch128", with(d, d.temperature(), 128, d.learningRate(), a));
    m.put("batch512", with(d, d.temperature(), 512, d.learningRate(), a));
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
    Map<String, EncoderConfig> all =
        candidates(images.height(), images.width(), images.channels(), trainSeconds);
    if (only != null && !all.keySet().containsAll(only)) {
      throw new UserError("--candidates must name some of " + all.keySet() + ", got " + only);
    }
    for (Map.Entry<String, EncoderConfig> e : all.entrySet()) {
      if (only != null && !only.contains(e.getKey())) {
        continue;
      }
      EncoderConfig c = e.getValue();
      out.printf("%s: %s%n", e.getKey(), c.asMap());
      ContrastiveTrainer.Result r =
          new ContrastiveTrainer(c, seed)
              .train(
                  images,
                  pre,
                  (epoch, step, total, loss) -> {
                    if (step % 25 == 0) {
                      out.printf("  step %d, loss %.3f%n", step, loss);
                    }
                  });
      Encoder encoder = new Encoder(e.getKey(), CnnEncoder.export(r.network(), c));
      out.printf(
          "%-60s validation mAP@10 %s (%d steps, %.2f epochs, last loss %.3f, %d s)%n",
          e.getKey(),
          validation.evaluate(encoder).metrics().metrics().get("map@10"),
          r.steps(),
          r.epochsDone(),
          r.lossPerEpoch().getLast(),
          r.millis() / 1000);
    }
    return 0;
  }
}
