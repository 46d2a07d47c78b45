package dev.mlsd.core.toy;

import dev.mlsd.core.http.BadRequestException;
import dev.mlsd.core.http.JsonHandler;
import dev.mlsd.core.monitoring.DriftMonitor;
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
  private final DriftMonitor drift;
  private final int prediction;

  /**
   * @param pipeline the toy pipeline
   * @param model the holder its ranker reads
   * @param drift watches the served predictions (a feature named {@code "prediction"}), or null
   */
  public ToyService(
      ServingPipeline<ToyRequest> pipeline, ModelHolder<float[]> model, DriftMonitor drift) {
    this.pipeline = pipeline;
    this.model = model;
    this.drift = drift;
    this.prediction = drift == null ? -1 : drift.indexOf("prediction");
    if (drift != null && prediction < 0) {
      throw new IllegalArgumentException("the drift monitor must watch a feature named prediction");
    }
  }

  /**
   * The reference distribution of served predictions: the top-10 scores of the pipeline for {@code
   * users} seeded users, as a validation run would record them.
   */
  public static float[] referencePredictions(ServingPipeline<ToyRequest> pipeline, int users) {
    float[] scores = new float[users * 10];
    int n = 0;
    for (int u = 0; u < users; u++) {
      Candidates top = pipeline.run(new ToyRequest((u * 7919) % ToyCatalog.USERS, 10), 10);
      for (int pos = 0; pos < top.size(); pos++) {
        scores[n++] = top.score(pos);
      }
    }
    return java.util.Arrays.copyOf(scores, n);
  }

  @Override
  public ToyResponse handle(ToyRequest request) {
    if (request.userId() < 0 || request.userId() >= ToyCatalog.USERS) {
      throw BadRequestException.unknownId("user", request.userId());
    }
    Candidates top = pipeline.run(request, request.k());
    // the version of the weights that scored this answer, not a second read of the holder
    String version = top.scoredBy() == null ? model.version() : top.scoredBy().version();
    int n = top.size();
    int[] ids = new int[n];
    float[] scores = new float[n];
    for (int pos = 0; pos < n; pos++) {
      ids[pos] = top.id(pos);
      scores[pos] = top.score(pos);
      if (drift != null) {
        drift.observe(prediction, scores[pos]);
      }
    }
    return new ToyResponse(version, ids, scores);
  }
}
