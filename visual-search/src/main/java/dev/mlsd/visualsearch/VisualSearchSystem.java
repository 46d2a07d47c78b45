package dev.mlsd.visualsearch;

import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.ann.Similarity;
import dev.mlsd.core.data.DatasetUnavailableException;
import dev.mlsd.core.data.Datasets;
import dev.mlsd.core.data.ReadReport;
import dev.mlsd.core.demo.Progress;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.visualsearch.data.Cifar10;
import dev.mlsd.visualsearch.data.FashionMnist;
import dev.mlsd.visualsearch.data.GalleryQuerySplit;
import dev.mlsd.visualsearch.data.ImageSet;
import dev.mlsd.visualsearch.evaluation.ClassRelevance;
import dev.mlsd.visualsearch.evaluation.RetrievalEvaluation;
import dev.mlsd.visualsearch.features.Preprocessor;
import dev.mlsd.visualsearch.model.CnnEncoder;
import dev.mlsd.visualsearch.model.ContrastiveTrainer;
import dev.mlsd.visualsearch.model.Encoder;
import dev.mlsd.visualsearch.model.EncoderConfig;
import dev.mlsd.visualsearch.model.EncoderStore;
import dev.mlsd.visualsearch.model.ImageEmbedder;
import dev.mlsd.visualsearch.model.PcaEmbedder;
import dev.mlsd.visualsearch.model.RawPixelEmbedder;
import dev.mlsd.visualsearch.serving.Gallery;
import dev.mlsd.visualsearch.serving.IndexingPipeline;
import dev.mlsd.visualsearch.serving.SearchResponse;
import dev.mlsd.visualsearch.serving.VisualSearchService;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The whole chapter-2 system, built once from {@link VisualSearchParams} in the book's order: data,
 * features (preprocessing), model (the self-supervised encoder, trained or taken from its cache),
 * and serving (the gallery embedded by the served encoder into an HNSW index, the prediction and
 * indexing pipelines). The demo narrates it; tests and benchmarks build small ones.
 *
 * <p>Thread safety: built on one thread; the serving objects it holds are thread-safe.
 *
 * <p>Book: chapter 2, end to end.
 */
public final class VisualSearchSystem {
  /** The data: gallery and queries, what the readers saw, and the data's checksum for the card. */
  public record Data(
      GalleryQuerySplit split, List<ReadReport> reports, String sha256, ClassRelevance groups) {}

  /** The trained encoder: its network, exported graph, card, and whether it came from the cache. */
  public record TrainedEncoder(
      MultiLayerNetwork network,
      Encoder encoder,
      ModelCard card,
      boolean fromCache,
      java.nio.file.Path file,
      double parityMaxAbsDiff) {}

  private final VisualSearchParams params;
  private final Data data;
  private final Preprocessor pre;
  private final float[] galleryImages;
  private final float[] queryImages;
  private final EncoderConfig config;
  private final TrainedEncoder trained;
  private final Encoder randomCnn;
  private final TrainedEncoder supervised;

  /** The name of the supervised-contrastive reference: it says that it reads the labels. */
  public static final String SUPERVISED_NAME = "supervised contrastive CNN (uses labels)";

  private VisualSearchSystem(
      VisualSearchParams params,
      Data data,
      Preprocessor pre,
      EncoderConfig config,
      TrainedEncoder trained,
      Encoder randomCnn,
      TrainedEncoder supervised) {
    this.params = params;
    this.data = data;
    this.pre = pre;
    this.galleryImages = pre.applyAll(data.split().gallery());
    this.queryImages = pre.applyAll(data.split().queries());
    this.config = config;
    this.trained = trained;
    this.randomCnn = randomCnn;
    this.supervised = supervised;
  }

  /**
   * The first half of the build, in the book's order: the data (step 2) and the preprocessing
   * fitted on the gallery (step 3). {@link Prepared#train} adds the encoder (step 4).
   *
   * @throws DatasetUnavailableException if the dataset cannot be had (the message says how)
   */
  public static Prepared prepare(VisualSearchParams p)
      throws IOException, DatasetUnavailableException {
    Data data = loadData(p, Datasets.fromEnvironment());
    ImageSet g = data.split().gallery();
    Preprocessor pre = Preprocessor.fit(g);
    EncoderConfig standard =
        EncoderConfig.standard(g.height(), g.width(), g.channels(), p.trainBudgetSeconds());
    // --quick: half the batch and one epoch at most, so that a few seconds make several steps
    EncoderConfig config =
        p.quick()
            ? new EncoderConfig(
                standard.height(),
                standard.width(),
                standard.channels(),
                standard.conv1(),
                standard.conv2(),
                standard.conv3(),
                standard.representation(),
                standard.projection(),
                standard.temperature(),
                128,
                standard.learningRate(),
                1,
                p.trainBudgetSeconds(),
                standard.augmenter())
            : standard;
    return new Prepared(p, data, pre, config);
  }

  /** Data and preprocessing, before the encoder. */
  public record Prepared(
      VisualSearchParams params, Data data, Preprocessor preprocessor, EncoderConfig config) {
    /**
     * Trains the encoder, or loads it from the cache when its card matches, and builds the system.
     *
     * @param out where training progress goes
     */
    public VisualSearchSystem train(PrintStream out) throws IOException {
      TrainedEncoder trained = trainOrLoad(params, data, preprocessor, config, false, out);
      TrainedEncoder supervised =
          params.supervisedReference()
              ? trainOrLoad(params, data, preprocessor, config, true, out)
              : null;
      MultiLayerNetwork random = CnnEncoder.network(config, params.seed());
      Encoder randomCnn = new Encoder("random-weight CNN", CnnEncoder.export(random, config));
      return new VisualSearchSystem(
          params, data, preprocessor, config, trained, randomCnn, supervised);
    }
  }

  /** {@code prepare(p).train(out)}. */
  public static VisualSearchSystem build(VisualSearchParams p, PrintStream out)
      throws IOException, DatasetUnavailableException {
    return prepare(p).train(out);
  }

  /** Reads the dataset of the params as gallery and queries. */
  static Data loadData(VisualSearchParams p, Datasets datasets)
      throws IOException, DatasetUnavailableException {
    GalleryQuerySplit split;
    List<ReadReport> reports = new ArrayList<>();
    String sha;
    ClassRelevance groups;
    if (p.dataset().equals(FashionMnist.DATASET)) {
      FashionMnist.Split train = FashionMnist.train(datasets);
      FashionMnist.Split test = FashionMnist.test(datasets);
      reports.add(train.report());
      reports.add(test.report());
      split = GalleryQuerySplit.of(train.images(), test.images());
      // the decompressed content's checksum: the same for the upstream files and the re-gzip
      sha = FashionMnist.contentSha256();
      groups = ClassRelevance.FASHION_GROUPS;
    } else {
      Cifar10.Loaded all = Cifar10.load(datasets);
      reports.add(all.report());
      split = GalleryQuerySplit.shuffled(all.images(), 0.8, p.seed());
      sha = Datasets.sha256(datasets.file(Cifar10.DATASET, Cifar10.ZIP));
      groups = ClassRelevance.CIFAR_GROUPS;
    }
    if (p.quick()) {
      split = split.sample(p.galleryLimit(), p.queryLimit(), p.seed());
    }
    return new Data(split, reports, sha, groups);
  }

  /**
   * Trains an encoder, or loads it from the cache when its card matches.
   *
   * @param supervised the supervised-contrastive reference (reads the labels) instead of the
   *     self-supervised encoder
   */
  private static TrainedEncoder trainOrLoad(
      VisualSearchParams p,
      Data data,
      Preprocessor pre,
      EncoderConfig config,
      boolean supervised,
      PrintStream out)
      throws IOException {
    EncoderStore store = new EncoderStore(p.modelDir());
    String key = EncoderStore.key(data.sha256(), data.split(), supervised, config, p.seed());
    EncoderStore.Cached cached = p.retrain() ? null : store.load(key, config, p.seed());
    MultiLayerNetwork net;
    ModelCard card;
    java.nio.file.Path file;
    if (cached != null) {
      net = cached.network();
      card = cached.card();
      file = cached.file();
    } else {
      ContrastiveTrainer.Result r;
      // progress in tenths of the time budget (training ends at the budget or the last epoch)
      long total = config.budgetSeconds() * 10L;
      long start = System.nanoTime();
      long[] shown = {0};
      try (Progress bar =
          new Progress(
              out,
              (supervised ? "supervised contrastive training (labels), " : "contrastive training, ")
                  + config.budgetSeconds()
                  + " s budget",
              total)) {
        r =
            new ContrastiveTrainer(config, p.seed(), supervised)
                .train(
                    data.split().gallery(),
                    pre,
                    (epoch, step, steps, loss) -> {
                      long tenths = Math.min(total, (System.nanoTime() - start) / 100_000_000L);
                      bar.accept(Math.max(0, tenths - shown[0]));
                      shown[0] = Math.max(shown[0], tenths);
                    });
        bar.accept(total - shown[0]);
      }
      net = r.network();
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("steps", (double) r.steps());
      metrics.put("epochs", r.epochsDone());
      for (int e = 0; e < r.lossPerEpoch().size(); e++) {
        metrics.put(String.format("loss_epoch_%02d", e + 1), r.lossPerEpoch().get(e));
      }
      metrics.put("stopped_by_budget", r.stoppedByBudget() ? 1.0 : 0.0);
      card =
          new ModelCard(
              supervised ? SUPERVISED_NAME : "self-supervised CNN (NT-Xent)",
              key,
              p.dataset(),
              data.sha256(),
              data.split().description()
                  + (supervised
                      ? "; gallery labels used in training (same class = positive)"
                      : "; labels unused in training"),
              p.seed(),
              config.asMap(),
              metrics,
              r.millis(),
              ModelCard.currentCodeVersion());
      file = store.save(key, net, card);
    }
    InferenceGraph graph = CnnEncoder.export(net, config);
    double parity =
        parity(
            net,
            config,
            graph,
            pre.applyAll(data.split().queries().head(64)),
            Math.min(64, data.split().queries().count()));
    return new TrainedEncoder(
        net,
        new Encoder(supervised ? SUPERVISED_NAME : "self-supervised CNN", graph),
        card,
        cached != null,
        file,
        parity);
  }

  /** Max abs difference between DL4J's representation and the inference graph's, before L2. */
  static double parity(
      MultiLayerNetwork net, EncoderConfig c, InferenceGraph g, float[] images, int rows) {
    INDArray ref = CnnEncoder.dl4jRepresentation(net, c, images, rows);
    float[] out = new float[rows * g.outputWidth()];
    g.score(images, rows, out, g.newScratch(16));
    double max = 0;
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < g.outputWidth(); j++) {
        max = Math.max(max, Math.abs(ref.getDouble(r, j) - out[r * g.outputWidth() + j]));
      }
    }
    return max;
  }

  /** The evaluation protocol over this system's gallery and queries. */
  public RetrievalEvaluation evaluation() {
    return new RetrievalEvaluation(
        data.split(), galleryImages, queryImages, data.groups(), Bootstrap.of(params.seed()));
  }

  /**
   * The serving side over the served encoder's gallery embeddings: the HNSW index, the gallery and
   * both pipelines.
   *
   * @param galleryEmbeddings the served encoder's unit embeddings of the gallery, in id order
   */
  public Serving serve(float[] galleryEmbeddings) {
    ImageSet g = data.split().gallery();
    int d = trained.encoder().dimension();
    HnswIndex index = new HnswIndex(d, Similarity.COSINE, params.serving().build(), g.count());
    Gallery gallery = new Gallery(g.height(), g.width(), g.channels(), d, g.count());
    IndexingPipeline indexing = new IndexingPipeline(pre, trained.encoder(), index, gallery);
    // the bulk load builds the graph on every core; later additions go one at a time
    indexing.addAllEmbedded(
        g.pixels(), galleryEmbeddings, g.count(), Runtime.getRuntime().availableProcessors());
    VisualSearchService service =
        new VisualSearchService(
            trained.encoder().name() + " " + trained.card().modelVersion(),
            pre,
            trained.encoder(),
            index,
            gallery,
            params.serving());
    return new Serving(service, indexing);
  }

  /** The two pipelines over one index and gallery. */
  public record Serving(VisualSearchService service, IndexingPipeline indexing) {}

  /**
   * The encoders compared, trivial first and served last: raw pixels, PCA-128 of the pixels (fitted
   * on 10,000 gallery images), the random-weight CNN, the supervised-contrastive reference when
   * asked for, the self-supervised CNN.
   */
  public List<ImageEmbedder> encoders() {
    ImageSet g = data.split().gallery();
    List<ImageEmbedder> list = new ArrayList<>();
    list.add(new RawPixelEmbedder(pre));
    list.add(
        PcaEmbedder.fit(galleryImages, g.count(), pre.imageSize(), 10_000, 128, params.seed()));
    list.add(randomCnn);
    if (supervised != null) {
      list.add(supervised.encoder());
    }
    list.add(trained.encoder());
    return list;
  }

  /** The supervised-contrastive reference, or null when not asked for. */
  public TrainedEncoder supervised() {
    return supervised;
  }

  /** Results as one line: {@code #id class score, ...}. */
  public String describe(SearchResponse r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.ids().length; i++) {
      sb.append(i == 0 ? "" : ", ")
          .append('#')
          .append(r.ids()[i])
          .append(' ')
          .append(classOf(r.ids()[i]))
          .append(String.format(" %.3f", r.scores()[i]));
    }
    return sb.toString();
  }

  /** The class name of a gallery id; ids past the initial gallery are "added". */
  public String classOf(int id) {
    ImageSet g = data.split().gallery();
    return id < g.count() ? g.classNames().get(g.labels()[id]) : "added";
  }

  public VisualSearchParams params() {
    return params;
  }

  public Data data() {
    return data;
  }

  public Preprocessor preprocessor() {
    return pre;
  }

  public EncoderConfig config() {
    return config;
  }

  public TrainedEncoder trained() {
    return trained;
  }

  public Encoder randomCnn() {
    return randomCnn;
  }

  public float[] galleryImages() {
    return galleryImages;
  }
}
