package dev.mlsd.videosearch.evaluation;

import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.videosearch.data.SearchQuery;
import dev.mlsd.videosearch.serving.SearchRequest;

/**
 * A system under evaluation that is a served pipeline: the query goes through the same stages the
 * server runs (query hydration, both searches, fusion), so the evaluated ranking is the served one.
 * A video neither search returned is not in the list.
 *
 * <p>Thread safety: as the pipeline (this thread's scratch).
 */
public final class PipelineRetriever implements Retriever {
  private final ServingPipeline<SearchRequest> pipeline;
  private final int dimension;

  /**
   * @param pipeline the pipeline
   * @param dimension the query embedding's width
   */
  public PipelineRetriever(ServingPipeline<SearchRequest> pipeline, int dimension) {
    this.pipeline = pipeline;
    this.dimension = dimension;
  }

  @Override
  public int retrieve(SearchQuery query, int depth, int[] ids) {
    SearchRequest r =
        SearchRequest.of(query.text(), Math.min(depth, SearchRequest.MAX_K), dimension);
    Candidates top = pipeline.run(r, depth);
    int n = top.size();
    for (int p = 0; p < n; p++) {
      ids[p] = top.id(p);
    }
    return n;
  }
}
