package dev.mlsd.core.http;

import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.monitoring.DriftMonitor;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.core.toy.ToyCatalog;
import dev.mlsd.core.toy.ToyPipeline;
import dev.mlsd.core.toy.ToyRequest;
import dev.mlsd.core.toy.ToyServer;
import dev.mlsd.core.toy.ToyService;
import java.io.IOException;
import java.util.List;

/** The toy server on an ephemeral port with the in-memory store, plus one list-taking endpoint. */
final class ToyFixture implements AutoCloseable {
  /** A request with a list, to test list-length limits. */
  record ExcludeRequest(int userId, List<Integer> exclude) {
    ExcludeRequest {
      Validation.maxLength("exclude", exclude, 100);
    }
  }

  final InMemoryFeatureStore store = new InMemoryFeatureStore();
  final ModelHolder<float[]> model = new ModelHolder<>(ToyCatalog.weights(1), ToyServer.card(1));
  final ServingPipeline<ToyRequest> pipeline;
  final DriftMonitor drift;
  final JsonServer server;

  ToyFixture(int threads) throws IOException {
    ToyCatalog.materialize(store);
    pipeline = ToyPipeline.build(store, model);
    drift =
        DriftMonitor.builder(10)
            .feature("prediction", ToyService.referencePredictions(pipeline, 100))
            .build();
    server =
        JsonServer.builder("toy")
            .threads(threads)
            // these tests are about answers, not shedding: on a loaded machine a request may wait
            // for a worker for longer than the 100 ms default, and must still be answered
            .maxQueueWait(java.time.Duration.ofMinutes(1))
            .maxBodyBytes(4096)
            .post("/rank", ToyRequest.class, new ToyService(pipeline, model, drift))
            .post("/exclude", ExcludeRequest.class, r -> java.util.Map.of("n", r.exclude().size()))
            .model("toy-linear", model)
            .pipeline(pipeline)
            .featureStore("toy-items", store)
            .drift(drift)
            .start();
  }

  @Override
  public void close() {
    server.close();
  }
}
