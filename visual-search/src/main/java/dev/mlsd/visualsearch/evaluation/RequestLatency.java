package dev.mlsd.visualsearch.evaluation;

import dev.mlsd.core.monitoring.LatencyRecorder;
import dev.mlsd.core.results.Latency;
import dev.mlsd.visualsearch.data.ImageSet;
import dev.mlsd.visualsearch.serving.VisualSearchServer;
import dev.mlsd.visualsearch.serving.VisualSearchService;

/**
 * The latency of one whole request in process, as the demo reports it: every query image encoded as
 * PNG beforehand, then searched one after another on one thread (decode, preprocess, embed, HNSW,
 * re-rank; k = 10), twice, the first pass warming the JIT up. JMH in {@code benchmarks/} gives the
 * careful figure; this one goes into results.json.
 *
 * <p>Book: chapter 2, "Serving" (latency).
 */
public final class RequestLatency {
  private RequestLatency() {}

  /** Times up to {@code max} queries. */
  public static Latency measure(VisualSearchService service, ImageSet queries, int max) {
    int n = Math.min(max, queries.count());
    byte[][] pngs = new byte[n][];
    for (int i = 0; i < n; i++) {
      pngs[i] =
          VisualSearchServer.png(
              queries.image(i), queries.height(), queries.width(), queries.channels());
    }
    LatencyRecorder r = new LatencyRecorder("request");
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        service.search(pngs[i], pngs[i].length, null, 10);
        if (round == 1) {
          r.recordNanos(System.nanoTime() - t0);
        }
      }
    }
    return Latency.ofMicros(
        r.percentileMicros(50), r.percentileMicros(99), r.percentileMicros(99.9), n);
  }
}
