package dev.mlsd.videosearch.serving;

import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.VectorIndex;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.core.serving.retrieval.AnnCandidateGenerator;
import dev.mlsd.videosearch.model.TextSearchIndex;

/**
 * The prediction pipeline of chapter 4, declared in run order, and its variants for the evaluation
 * (one search alone, a different fusion, no business rules):
 *
 * <ol>
 *   <li>query hydration: {@link QueryEmbedding} (the text tower);
 *   <li>candidate generation: {@link TextSearchCandidates} (BM25, generator 0) and core's {@link
 *       AnnCandidateGenerator} over the video embeddings (generator 1), {@code depth} each;
 *   <li>filtering: {@link UnavailableVideoFilter} (removed, private);
 *   <li>ranking: {@link FusionRanker} (the fusion layer);
 *   <li>re-ranking: {@link NearDuplicateReRanker}, then {@link UploaderCapReRanker}.
 * </ol>
 *
 * @param text the Lucene index
 * @param encoder the text tower
 * @param videos the video embeddings (HNSW or exact), vector id = video id
 * @param catalogue the videos' metadata and embeddings
 * @param depth how many videos each search returns
 * @param ann the ANN query parameters
 * @param duplicateCosine the near-duplicate threshold
 * @param uploaderCap the most videos per uploader in the top k
 *     <p>Thread safety: immutable; the pipelines it builds are thread-safe.
 *     <p>Book: chapter 4, "Serving", figure "Prediction pipeline".
 */
public record SearchPipelines(
    TextSearchIndex text,
    QueryEncoder encoder,
    VectorIndex videos,
    VideoCatalogue catalogue,
    int depth,
    SearchParams ann,
    float duplicateCosine,
    int uploaderCap) {

  /** Which searches a pipeline runs. */
  public enum Searches {
    /** BM25 only. */
    TEXT,
    /** The learned search only. */
    LEARNED,
    /** Both, fused. */
    BOTH
  }

  /** The served pipeline: both searches, the fusion, the filter and the re-ranking rules. */
  public ServingPipeline<SearchRequest> served(Fusion fusion) {
    return build("video-search", Searches.BOTH, fusion, true);
  }

  /**
   * A pipeline.
   *
   * @param name its name in metrics
   * @param searches which searches run
   * @param fusion the fusion (ignored when one search runs: it ranks by that search)
   * @param businessRules whether the filter and the re-rankers run (the evaluation measures
   *     relevance without them)
   */
  public ServingPipeline<SearchRequest> build(
      String name, Searches searches, Fusion fusion, boolean businessRules) {
    ServingPipeline.Builder<SearchRequest> b = ServingPipeline.<SearchRequest>builder(name);
    b.queryHydrator(new QueryEmbedding(encoder));
    int textGenerator = -1;
    int learnedGenerator = -1;
    int g = 0;
    if (searches != Searches.LEARNED) {
      b.candidateGenerator(new TextSearchCandidates(text, depth));
      textGenerator = g++;
    }
    if (searches != Searches.TEXT) {
      b.candidateGenerator(
          new AnnCandidateGenerator<SearchRequest>(videos, depth, ann, SearchRequest::embedding));
      learnedGenerator = g;
    }
    if (businessRules) {
      b.filter(new UnavailableVideoFilter(catalogue));
    }
    Fusion f =
        searches == Searches.BOTH
            ? fusion
            : new WeightedSumFusion(searches == Searches.TEXT ? 1 : 0);
    b.ranker(new FusionRanker(f, textGenerator, learnedGenerator));
    if (businessRules) {
      b.reRanker(new NearDuplicateReRanker(catalogue, duplicateCosine));
      b.reRanker(new UploaderCapReRanker(catalogue, uploaderCap));
    }
    return b.maxCandidates(2 * depth).build();
  }
}
