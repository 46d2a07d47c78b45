package dev.mlsd.core.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.RequestScratch;
import dev.mlsd.core.serving.ServingPipeline;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The in-memory request path allocates nothing per request once warm: measured with the JVM's
 * per-thread allocation counter over 2,000 requests.
 */
class PipelineAllocationTest {
  @Test
  void aWarmInMemoryRequestAllocatesNothing() {
    var threads = ManagementFactory.getThreadMXBean();
    assumeTrue(
        threads instanceof com.sun.management.ThreadMXBean t
            && t.isThreadAllocatedMemorySupported(),
        "per-thread allocation counting is not available on this JVM");
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) threads;
    InMemoryFeatureStore store = new InMemoryFeatureStore();
    ToyCatalog.materialize(store);
    ServingPipeline<ToyRequest> p =
        ToyPipeline.build(store, new ModelHolder<>(ToyCatalog.weights(1), ToyServer.card(1)));
    RequestScratch s = p.newScratch();
    ToyRequest[] requests = new ToyRequest[64];
    for (int i = 0; i < requests.length; i++) {
      requests[i] = new ToyRequest(i * 131, 10);
    }
    for (int i = 0; i < 20_000; i++) {
      p.run(requests[i & 63], 10, s);
    }
    long id = Thread.currentThread().threadId();
    long before = mx.getThreadAllocatedBytes(id);
    for (int i = 0; i < 2_000; i++) {
      p.run(requests[i & 63], 10, s);
    }
    long allocated = mx.getThreadAllocatedBytes(id) - before;
    assertEquals(0, allocated / 2_000, "bytes allocated per request (total " + allocated + ")");
  }
}
