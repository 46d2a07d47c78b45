package dev.mlsd.visualsearch.serving;

import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.ann.HnswSearcher;
import dev.mlsd.core.ann.TopKCollector;
import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.visualsearch.features.Preprocessor;
import dev.mlsd.visualsearch.model.ImageEmbedder;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The prediction pipeline of chapter 2, in run order: the <b>embedding generation service</b>
 * (decode, crop, preprocess, embed), the <b>nearest neighbour service</b> (core's HNSW index over
 * the gallery) and the <b>re-ranking service</b> ({@link NearDuplicateReRanker}: private images and
 * near-duplicates out).
 *
 * <p>Result contract: a request for {@code k} results fetches {@link ServingParams#fetch(int)}
 * nearest neighbours and re-ranks them; when private images and near-duplicates leave fewer than
 * {@code k}, it fetches again with twice as many neighbours, until {@code k} are kept, the index
 * has no more images, or {@link ServingParams#deepestFetch(int)} neighbours were re-ranked. So
 * fewer than {@code k} results (possibly none) come back only when the gallery holds fewer than
 * {@code k} eligible images (public, not a near-duplicate of the query or of a better result), or
 * when fewer than {@code k} of them lie within the deepest fetch; results are never padded with
 * private images or duplicates. A deeper fetch repeats the HNSW walk with a wider beam (ef is at
 * least the fetch), so it costs a few times one search; {@link #deeperFetches()} counts them.
 *
 * <p>Per-thread scratch ({@link RequestScratch}) holds every buffer a request needs, so after
 * decoding (which allocates inside ImageIO) a request allocates only its answer. Each stage's time
 * goes to a {@link LatencyRecorder} shown on {@code /metrics}.
 *
 * <p>Thread safety: thread-safe; the index and gallery take concurrent additions ({@link
 * IndexingPipeline}) while requests run.
 *
 * <p>Book: chapter 2, "Serving: prediction pipeline".
 */
public final class VisualSearchService {
  private final String encoderName;
  private final QueryImageDecoder decoder;
  private final Preprocessor pre;
  private final ImageEmbedder encoder;
  private final HnswIndex index;
  private final Gallery gallery;
  private final NearDuplicateReRanker reRanker;
  private final ServingParams params;
  private final ThreadLocal<RequestScratch> scratch;

  /** Stage latencies, in run order. */
  private final LatencyRecorder decodeTime = new LatencyRecorder("stage decode");

  private final LatencyRecorder embedTime = new LatencyRecorder("stage preprocess+embed");
  private final LatencyRecorder annTime = new LatencyRecorder("stage nearest neighbours");
  private final LatencyRecorder reRankTime = new LatencyRecorder("stage re-rank");
  private final LongAdder deeperFetches = new LongAdder();

  /** One worker thread's buffers, reused by every request on that thread. */
  static final class RequestScratch {
    final byte[] image;
    final float[] preprocessed;
    final float[] embedding;
    final TopKCollector[] neighbours; // by fetch size, made on first use
    final int[] ids;
    final float[] scores;
    final HnswSearcher searcher;

    RequestScratch(int imageSize, int dim, int deepest, HnswSearcher searcher) {
      this.image = new byte[imageSize];
      this.preprocessed = new float[imageSize];
      this.embedding = new float[dim];
      this.neighbours = new TopKCollector[deepest + 1];
      this.ids = new int[deepest];
      this.scores = new float[deepest];
      this.searcher = searcher;
    }

    /** The collector of {@code fetch} neighbours, emptied. */
    TopKCollector neighbours(int fetch) {
      TopKCollector c = neighbours[fetch];
      if (c == null) {
        c = neighbours[fetch] = new TopKCollector(fetch);
      }
      c.reset();
      return c;
    }
  }

  public VisualSearchService(
      String encoderName,
      Preprocessor pre,
      ImageEmbedder encoder,
      HnswIndex index,
      Gallery gallery,
      ServingParams params) {
    this.encoderName = encoderName;
    this.decoder = new QueryImageDecoder(pre.height(), pre.width(), pre.channels());
    this.pre = pre;
    this.encoder = encoder;
    this.index = index;
    this.gallery = gallery;
    this.reRanker = new NearDuplicateReRanker(params.duplicateThreshold());
    this.params = params;
    int deepest = params.deepestFetch(params.maxK());
    this.scratch =
        ThreadLocal.withInitial(
            () ->
                new RequestScratch(
                    pre.imageSize(), encoder.dimension(), deepest, index.newSearcher()));
  }

  /**
   * Searches with an uploaded image.
   *
   * <p>Returns {@code k} results, or fewer only as the class comment says (fewer than {@code k}
   * eligible images within the deepest fetch).
   *
   * @param body the upload, bytes {@code [0, length)}
   * @param crop the selected part, or null for the whole image
   * @param k results wanted, 1 to {@link ServingParams#maxK()}
   * @throws IllegalArgumentException with the reason for bad input (not an image, too large, crop
   *     outside, k out of range)
   */
  public SearchResponse search(byte[] body, int length, CropBox crop, int k) {
    checkK(k);
    RequestScratch s = scratch.get();
    long t0 = System.nanoTime();
    decoder.decode(body, length, crop, s.image);
    decodeTime.recordNanos(System.nanoTime() - t0);
    int n = searchDecoded(s, k);
    return new SearchResponse(
        encoderName, java.util.Arrays.copyOf(s.ids, n), java.util.Arrays.copyOf(s.scores, n));
  }

  /**
   * Searches with an image already of the gallery's shape (the benchmark's and the tests' entry),
   * writing into the caller's arrays.
   *
   * @param outIds receives the result ids, best first; room for {@code k}
   * @param outScores receives their cosine to the query
   * @return how many results were written: {@code k}, or fewer only as the class comment says
   */
  public int search(byte[] pixels, int k, int[] outIds, float[] outScores) {
    checkK(k);
    RequestScratch s = scratch.get();
    System.arraycopy(pixels, 0, s.image, 0, s.image.length);
    int n = searchDecoded(s, k);
    System.arraycopy(s.ids, 0, outIds, 0, n);
    System.arraycopy(s.scores, 0, outScores, 0, n);
    return n;
  }

  private int searchDecoded(RequestScratch s, int k) {
    long t1 = System.nanoTime();
    pre.apply(s.image, 0, s.preprocessed, 0);
    encoder.embed(s.preprocessed, 0, 1, s.embedding);
    long t2 = System.nanoTime();
    embedTime.recordNanos(t2 - t1);
    long annNanos = 0;
    long reRankNanos = 0;
    int fetch = params.fetch(k);
    int deepest = params.deepestFetch(k);
    int kept;
    while (true) {
      long a = System.nanoTime();
      TopKCollector neighbours = s.neighbours(fetch);
      s.searcher.search(s.embedding, params.search(), null, neighbours);
      int n = neighbours.drainTo(s.ids, s.scores);
      long b = System.nanoTime();
      kept = reRanker.reRank(s.embedding, s.ids, s.scores, n, k, gallery);
      annNanos += b - a;
      reRankNanos += System.nanoTime() - b;
      // done when k are kept, the index gave all it holds, or the cap is reached
      if (kept == k || n < fetch || fetch == deepest) {
        break;
      }
      fetch = Math.min(2 * fetch, deepest);
      deeperFetches.increment();
    }
    annTime.recordNanos(annNanos);
    reRankTime.recordNanos(reRankNanos);
    return kept;
  }

  /** How many times a request fetched deeper because re-ranking left fewer than k (since start). */
  public long deeperFetches() {
    return deeperFetches.sum();
  }

  private void checkK(int k) {
    if (k < 1 || k > params.maxK()) {
      throw new IllegalArgumentException("k must be in 1.." + params.maxK() + ", got " + k);
    }
  }

  /** The stage latency recorders, in run order (for {@code /metrics} and the demo). */
  public List<LatencyRecorder> stageLatencies() {
    return List.of(decodeTime, embedTime, annTime, reRankTime);
  }

  /** The gallery searched. */
  public Gallery gallery() {
    return gallery;
  }

  /** The index searched. */
  public HnswIndex index() {
    return index;
  }

  /** The encoder's name and version. */
  public String encoderName() {
    return encoderName;
  }

  /** The decoder of uploads (its limits). */
  public QueryImageDecoder decoder() {
    return decoder;
  }

  /** The serving parameters. */
  public ServingParams params() {
    return params;
  }
}
