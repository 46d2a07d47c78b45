package dev.mlsd.videosearch;

import dev.mlsd.core.ann.ExactIndex;
import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.ann.RecallAgainstExact;
import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.Similarity;
import dev.mlsd.core.ann.VectorIndex;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.core.results.Latency;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.videosearch.data.DidemoLoader;
import dev.mlsd.videosearch.data.SearchCorpus;
import dev.mlsd.videosearch.data.SearchQuery;
import dev.mlsd.videosearch.data.TrainingPair;
import dev.mlsd.videosearch.data.Video;
import dev.mlsd.videosearch.data.VideoSplit;
import dev.mlsd.videosearch.evaluation.FusionWeightTuning;
import dev.mlsd.videosearch.evaluation.MetricTable;
import dev.mlsd.videosearch.evaluation.PipelineRetriever;
import dev.mlsd.videosearch.evaluation.QueryRankings;
import dev.mlsd.videosearch.evaluation.RandomRanking;
import dev.mlsd.videosearch.evaluation.Retriever;
import dev.mlsd.videosearch.model.TextSearchIndex;
import dev.mlsd.videosearch.model.TwoTowerSearchModel;
import dev.mlsd.videosearch.serving.CatalogueTextVideoEncoder;
import dev.mlsd.videosearch.serving.Fusion;
import dev.mlsd.videosearch.serving.QueryEncoder;
import dev.mlsd.videosearch.serving.ReciprocalRankFusion;
import dev.mlsd.videosearch.serving.SearchPipelines;
import dev.mlsd.videosearch.serving.SearchPipelines.Searches;
import dev.mlsd.videosearch.serving.SearchRequest;
import dev.mlsd.videosearch.serving.VideoCatalogue;
import dev.mlsd.videosearch.serving.VideoIndexer;
import dev.mlsd.videosearch.serving.WeightedSumFusion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The whole chapter-4 system, built once from {@link VideoSearchParams}: the DiDeMo protocol and
 * split, the text search (BM25 on Lucene), the learned search (two-tower, trained contrastively,
 * exported to core's inference graph), the indexing pipeline (Lucene, HNSW, catalogue), the fusion
 * weight tuned on validation queries, the evaluation of every system on the test queries, and the
 * served pipeline. The demo narrates it; the tests and the benchmark build it too.
 *
 * <p>Thread safety: built on one thread; the served pipeline and the indexer are thread-safe.
 *
 * <p>Book: chapter 4, all seven steps.
 */
public final class VideoSearchSystem implements AutoCloseable {
  /** The system names in the evaluation table. */
  public static final String RANDOM = "random (floor)";

  /** BM25 without stemming. */
  public static final String BM25_PLAIN = "bm25, no stemming";

  /** BM25 as served. */
  public static final String BM25 = "bm25 (text search)";

  /** The learned search alone. */
  public static final String LEARNED = "learned (two-tower + HNSW)";

  /** The book's fusion. */
  public static final String FUSED = "fused: weighted sum";

  /** Reciprocal-rank fusion. */
  public static final String FUSED_RRF = "fused: reciprocal rank";

  /** The data: what was read, the protocol and the split. */
  public record Data(
      DidemoLoader.Loaded loaded,
      SearchCorpus corpus,
      VideoSplit split,
      List<SearchQuery> validation,
      List<SearchQuery> test,
      List<TrainingPair> pairs) {}

  /** The learned search: the model, its training time and its export parity. */
  public record Learned(
      TwoTowerSearchModel model, long trainingMillis, float maxParityError, double annRecall) {}

  private final VideoSearchParams params;
  private final Data data;
  private final Learned learned;
  private final VideoIndexer indexer;
  private final SearchPipelines pipelines;
  private final QueryEncoder queryEncoder;
  private final FusionWeightTuning.Result tuning;
  private final MetricTable table;
  private final ServingPipeline<SearchRequest> served;

  private VideoSearchSystem(
      VideoSearchParams params,
      Data data,
      Learned learned,
      VideoIndexer indexer,
      SearchPipelines pipelines,
      QueryEncoder queryEncoder,
      FusionWeightTuning.Result tuning,
      MetricTable table) {
    this.params = params;
    this.data = data;
    this.learned = learned;
    this.indexer = indexer;
    this.pipelines = pipelines;
    this.queryEncoder = queryEncoder;
    this.tuning = tuning;
    this.table = table;
    this.served = pipelines.served(new WeightedSumFusion(tuning.best()));
  }

  /**
   * Builds, trains and evaluates everything.
   *
   * @param datasetDir the DiDeMo folder
   * @param indexDir where the Lucene index, the ANN index and the catalogue are written (emptied)
   * @param p the parameters
   * @param log told one line per finished piece of work (epochs, timings)
   */
  public static VideoSearchSystem build(
      Path datasetDir, Path indexDir, VideoSearchParams p, Consumer<String> log)
      throws IOException {
    Data data = loadData(datasetDir, p);
    TwoTowerSearchModel.Params mp = p.model();
    long t0 = System.nanoTime();
    TwoTowerSearchModel model =
        TwoTowerSearchModel.train(data.pairs(), mp, log, m -> validationMrr(m, data, p));
    long trainingMillis = (System.nanoTime() - t0) / 1_000_000;

    // the indexing pipeline builds the served indexes: Lucene, HNSW and the catalogue
    deleteTree(indexDir);
    Files.createDirectories(indexDir);
    CatalogueTextVideoEncoder videoEncoder =
        new CatalogueTextVideoEncoder(model.videoEncoder(), mp.hasher());
    VideoIndexer indexer =
        new VideoIndexer(
            videoEncoder,
            TextSearchIndex.open(indexDir.resolve(VideoIndexer.LUCENE_DIR), p.stem()),
            new HnswIndex(mp.dimension(), Similarity.COSINE, p.hnsw(), data.corpus().size()),
            new VideoCatalogue(mp.dimension()));
    SearchCorpus c = data.corpus();
    String[] names = new String[c.size()];
    String[] uploaders = new String[c.size()];
    String[] texts = new String[c.size()];
    for (Video v : c.videos()) {
      names[v.id()] = v.name();
      uploaders[v.id()] = v.uploader();
      texts[v.id()] = c.indexedText(v.id());
    }
    indexer.addAll(names, uploaders, texts);
    indexer.save(indexDir);

    QueryEncoder queryEncoder = new QueryEncoder(model.textEncoder(), mp.hasher());
    SearchPipelines pipelines =
        new SearchPipelines(
            indexer.text(),
            queryEncoder,
            indexer.ann(),
            indexer.catalogue(),
            p.depth(),
            new SearchParams(p.ef()),
            p.duplicateCosine(),
            p.uploaderCap());
    Learned learned =
        new Learned(
            model,
            trainingMillis,
            parityError(model, data),
            annRecall(queryEncoder, indexer.ann(), data.test(), p.depth(), p.ef()));

    FusionWeightTuning.Result tuning =
        FusionWeightTuning.tune(
            data.validation(),
            w -> fused(pipelines, new WeightedSumFusion(w), mp.dimension()),
            p.depth(),
            p.weightSteps());
    MetricTable table = evaluate(data, p, pipelines, tuning.best());
    return new VideoSearchSystem(p, data, learned, indexer, pipelines, queryEncoder, tuning, table);
  }

  /** Step 3: read DiDeMo, apply the protocol, split the videos, make the training pairs. */
  static Data loadData(Path datasetDir, VideoSearchParams p) throws IOException {
    DidemoLoader.Loaded loaded = DidemoLoader.load(datasetDir);
    SearchCorpus corpus = SearchCorpus.of(sample(loaded.videos(), p.videos(), p.seed()));
    VideoSplit split =
        VideoSplit.of(corpus.size(), p.validationFraction(), p.testFraction(), p.seed());
    return new Data(
        loaded,
        corpus,
        split,
        corpus.queries(split.validation()),
        corpus.queries(split.test()),
        TrainingPair.of(corpus, split.train()));
  }

  /**
   * A seeded sample of {@code n} videos (all of them when {@code n} is 0 or at least their number),
   * kept in their order and given the dense ids {@code 0 .. n-1}.
   */
  static List<Video> sample(List<Video> videos, int n, long seed) {
    if (n == 0 || n >= videos.size()) {
      return videos;
    }
    List<Integer> order = new ArrayList<>(IntStream.range(0, videos.size()).boxed().toList());
    Collections.shuffle(order, new Random(seed));
    int[] kept = order.subList(0, n).stream().mapToInt(Integer::intValue).sorted().toArray();
    List<Video> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Video v = videos.get(kept[i]);
      out.add(new Video(i, v.name(), v.uploader(), v.descriptions()));
    }
    return out;
  }

  /** Step 6: every system on the test queries, one table. */
  private static MetricTable evaluate(
      Data data, VideoSearchParams p, SearchPipelines pipelines, double weight) throws IOException {
    int dim = p.model().dimension();
    int depth = p.depth();
    List<SearchQuery> test = data.test();
    MetricTable t = new MetricTable(new Bootstrap(p.bootstrapResamples(), 0.95, p.seed()));
    t.add(QueryRankings.of(RANDOM, new RandomRanking(data.corpus().size(), p.seed()), test, depth));
    try (TextSearchIndex plain = TextSearchIndex.inMemory(!p.stem())) {
      for (int v = 0; v < data.corpus().size(); v++) {
        plain.add(v, data.corpus().indexedText(v));
      }
      plain.refresh();
      float[] scores = new float[depth];
      t.add(
          QueryRankings.of(
              p.stem() ? BM25_PLAIN : "bm25, stemmed",
              (q, d, ids) -> plain.search(q.text(), d, ids, scores),
              test,
              depth));
    }
    t.add(QueryRankings.of(BM25, alone(pipelines, Searches.TEXT, dim), test, depth));
    t.add(QueryRankings.of(LEARNED, alone(pipelines, Searches.LEARNED, dim), test, depth));
    t.add(
        QueryRankings.of(FUSED, fused(pipelines, new WeightedSumFusion(weight), dim), test, depth));
    t.add(
        QueryRankings.of(
            FUSED_RRF,
            fused(pipelines, new ReciprocalRankFusion(ReciprocalRankFusion.DEFAULT_K), dim),
            test,
            depth));
    return t;
  }

  private static Retriever alone(SearchPipelines p, Searches s, int dim) {
    return new PipelineRetriever(p.build("eval-" + s, s, null, false), dim);
  }

  private static Retriever fused(SearchPipelines p, Fusion f, int dim) {
    return new PipelineRetriever(p.build("eval-fused", Searches.BOTH, f, false), dim);
  }

  /** Early stopping's score: the learned search alone (exact search) on validation queries. */
  private static double validationMrr(TwoTowerSearchModel m, Data data, VideoSearchParams p) {
    TwoTowerSearchModel.Params mp = m.params();
    CatalogueTextVideoEncoder ve = new CatalogueTextVideoEncoder(m.videoEncoder(), mp.hasher());
    ExactIndex exact = new ExactIndex(mp.dimension(), Similarity.COSINE, data.corpus().size());
    float[] e = new float[mp.dimension()];
    for (int v = 0; v < data.corpus().size(); v++) {
      ve.encode(data.corpus().indexedText(v), e);
      exact.add(e);
    }
    QueryEncoder qe = new QueryEncoder(m.textEncoder(), mp.hasher());
    Retriever r =
        (q, depth, ids) -> {
          float[] v = new float[mp.dimension()];
          qe.encode(q.text(), v);
          int[] top = exact.search(v, depth, new SearchParams(depth));
          System.arraycopy(top, 0, ids, 0, top.length);
          return top.length;
        };
    double[] rr = QueryRankings.of("v", r, data.validation(), p.depth()).reciprocalRanks();
    double sum = 0;
    for (double x : rr) {
      sum += x;
    }
    return sum / rr.length;
  }

  /** The largest |SameDiff - inference graph| over the test queries' embeddings. */
  private static float parityError(TwoTowerSearchModel m, Data data) {
    TwoTowerSearchModel.Params mp = m.params();
    int rows = data.test().size();
    int[] ids = new int[rows * mp.queryIds()];
    for (int i = 0; i < rows; i++) {
      mp.hasher().encode(data.test().get(i).text(), ids, i * mp.queryIds(), mp.queryIds());
    }
    float[] twin = m.encodeWithSameDiff(false, ids, rows);
    float[] ours = new float[rows * mp.dimension()];
    var g = m.textEncoder();
    g.score(null, ids, rows, ours, g.newScratch(64));
    float max = 0f;
    for (int i = 0; i < ours.length; i++) {
      max = Math.max(max, Math.abs(ours[i] - twin[i]));
    }
    return max;
  }

  /** HNSW recall@depth against exact search, on the test queries' embeddings. */
  private static double annRecall(
      QueryEncoder qe, HnswIndex ann, List<SearchQuery> queries, int depth, int ef) {
    float[][] q = new float[queries.size()][qe.dimension()];
    for (int i = 0; i < q.length; i++) {
      qe.encode(queries.get(i).text(), q[i]);
    }
    VectorIndex.Searcher exact = ann.newExactSearcher();
    return RecallAgainstExact.recall(
        ann.newSearcher(), exact, q, depth, new SearchParams(ef), null);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  /** The parameters. */
  public VideoSearchParams params() {
    return params;
  }

  /** The data. */
  public Data data() {
    return data;
  }

  /** The learned search's model and checks. */
  public Learned learned() {
    return learned;
  }

  /** The indexing pipeline (and the indexes it owns). */
  public VideoIndexer indexer() {
    return indexer;
  }

  /** The query encoder. */
  public QueryEncoder queryEncoder() {
    return queryEncoder;
  }

  /** The pipeline factory. */
  public SearchPipelines pipelines() {
    return pipelines;
  }

  /** The fusion weight sweep on validation queries. */
  public FusionWeightTuning.Result tuning() {
    return tuning;
  }

  /** The evaluation table on the test queries. */
  public MetricTable table() {
    return table;
  }

  /** The served pipeline: both searches, the tuned weighted sum, the filter and the rules. */
  public ServingPipeline<SearchRequest> served() {
    return served;
  }

  /**
   * Runs every test query through the served pipeline (k = 10) and returns the pipeline's latency
   * percentiles since it was built (in process, this machine, whatever its load).
   */
  public Latency servedLatency() {
    int dim = params.model().dimension();
    for (SearchQuery q : data.test()) {
      served.run(SearchRequest.of(q.text(), 10, dim), 10);
    }
    LatencyRecorder total = served.totalLatency();
    return Latency.ofMicros(
        total.percentileMicros(50),
        total.percentileMicros(99),
        total.percentileMicros(99.9),
        total.count());
  }

  @Override
  public void close() throws IOException {
    indexer.text().close();
  }
}
