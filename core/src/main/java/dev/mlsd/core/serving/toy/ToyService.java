package dev.mlsd.core.serving.toy;

import dev.mlsd.core.http.BadRequestException;
import dev.mlsd.core.http.JsonHandler;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.ServingPipeline;

/**
 * The {@code POST /rank} handler of the toy server: checks the user exists, runs the pipeline on
 * this worker thread's scratch, copies the top k into the response.
 *
 * <p>Thread safety: safe from many threads (the pipeline's scratch is per thread).
 */
public final class ToyService implements JsonHandler<ToyRequest> {
  private final ServingPipeline<ToyRequest> pipeline;
  private final ModelHolder<float[]> model;

  /**
   * @param pipeline the toy pipeline
   * @param model the holder its ranker reads
   */
  public ToyService(ServingPipeline<ToyRequest> pipeline, ModelHolder<float[]> model) {
    this.pipeline = pipeline;
    this.model = model;
  }

  @Override
  public ToyResponse handle(ToyRequest request) {
    if (request.userId() < 0 || request.userId() >= ToyCatalog.USERS) {
      throw BadRequestException.unknownId("user", request.userId());
    }
    String version = model.version();
    Candidates top = pipeline.run(request, request.k());
    int n = top.size();
    int[] ids = new int[n];
    float[] scores = new float[n];
    for (int pos = 0; pos < n; pos++) {
      ids[pos] = top.id(pos);
      scores[pos] = top.score(pos);
    }
    return new ToyResponse(version, ids, scores);
  }
}
