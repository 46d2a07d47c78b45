package dev.mlsd.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlsd.core.io.CorruptArtifactException;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.toy.LinearRanker;
import dev.mlsd.core.toy.ToyCatalog;
import dev.mlsd.core.toy.ToyServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swaps the served model from model files many times while clients hammer {@code /rank}: no request
 * may fail, and every answer's scores must be exactly those of one model version (a request never
 * mixes two models), and the version it names is the one whose weights produced those scores. A
 * corrupt file offered mid-run is refused and serving goes on.
 */
class ModelSwapUnderLoadTest {
  @TempDir Path dir;

  static final int VERSIONS = 6;

  static float expectedScore(int itemId, float[] w) {
    float[] f = new float[ToyCatalog.DIM];
    ToyCatalog.itemFeatures(itemId, f, 0);
    float z = w[ToyCatalog.DIM];
    for (int j = 0; j < ToyCatalog.DIM; j++) {
      z += w[j] * f[j];
    }
    return (float) (1.0 / (1.0 + Math.exp(-z)));
  }

  /** The single version whose weights give exactly these scores, or -1. */
  static int matchingVersion(JsonNode body) {
    int match = -1;
    for (int v = 1; v <= VERSIONS; v++) {
      float[] w = ToyCatalog.weights(v);
      boolean all = true;
      for (int i = 0; i < body.get("itemIds").size() && all; i++) {
        float s = (float) body.get("scores").get(i).asDouble();
        all = s == expectedScore(body.get("itemIds").get(i).asInt(), w);
      }
      if (all) {
        if (match != -1) {
          return -1;
        }
        match = v;
      }
    }
    return match;
  }

  @Test
  void swappingUnderLoadFailsNoRequestAndNeverMixesModels() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int v = 1; v <= VERSIONS; v++) {
      Path f = dir.resolve("toy-v" + v + ".mlsd");
      ModelHolder.save(
          f, LinearRanker.KIND, 1, ToyServer.card(v), LinearRanker.payload(ToyCatalog.weights(v)));
      files.add(f);
    }
    Path corrupt = dir.resolve("corrupt.mlsd");
    byte[] bytes = Files.readAllBytes(files.get(1));
    bytes[bytes.length - 20] ^= 0x40;
    Files.write(corrupt, bytes);

    try (ToyFixture toy = new ToyFixture(4);
        TestClient client = new TestClient(toy.server.uri())) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong ok = new AtomicLong();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      List<Thread> clients = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        Thread th =
            new Thread(
                () -> {
                  int i = seed;
                  while (!stop.get()) {
                    i += 4;
                    try {
                      HttpResponse<String> r =
                          client.post("/rank", "{\"userId\":" + (i % 10_000) + ",\"k\":10}");
                      if (r.statusCode() != 200) {
                        failures.add(r.statusCode() + " " + r.body());
                        continue;
                      }
                      JsonNode body = Json.mapper().readTree(r.body());
                      int scoredBy = matchingVersion(body);
                      if (scoredBy < 0) {
                        failures.add("scores match no single model: " + r.body());
                      } else if (!body.get("modelVersion").asText().equals("v" + scoredBy)) {
                        failures.add("labelled with another model than scored it: " + r.body());
                      }
                      ok.incrementAndGet();
                    } catch (Exception e) {
                      failures.add(e.toString());
                    }
                  }
                });
        th.start();
        clients.add(th);
      }
      // swap through every version several times while the clients run
      long lastOk = 0;
      for (int round = 0; round < 30; round++) {
        Path f = files.get(round % VERSIONS);
        toy.model.swapFrom(f, LinearRanker.KIND, 1, LinearRanker.DECODER);
        if (round == 10) {
          assertThrows(
              CorruptArtifactException.class,
              () -> toy.model.swapFrom(corrupt, LinearRanker.KIND, 1, LinearRanker.DECODER));
        }
        // let some requests through on this model before the next swap
        long target = ok.get() + 5;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (ok.get() < target && System.nanoTime() < deadline && failures.isEmpty()) {
          Thread.sleep(1);
        }
        assertTrue(ok.get() > lastOk || !failures.isEmpty(), "requests stalled");
        lastOk = ok.get();
      }
      stop.set(true);
      for (Thread th : clients) {
        th.join(10_000);
      }
      assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + failures.peek());
      assertEquals(30, toy.model.swapCount());
      assertTrue(ok.get() >= 150, "only " + ok.get() + " requests");
      assertEquals(0, toy.server.metrics().requestCount(400, 600));
    }
  }
}
