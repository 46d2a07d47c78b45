package dev.mlsd.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Past its capacity the server sheds load, deciding on arrival: with every worker busy, a request
 * that finds the queue full, standing, or too long for the recent time per request gets 503 with
 * {@code Retry-After} while the workers are still blocked (so the refusal waited for no worker),
 * {@code /health} and {@code /metrics} still answer, and a request that aged past the budget in the
 * queue with others behind it is refused without running.
 */
class OverloadTest {
  record Req(int n) {}

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static CompletableFuture<HttpResponse<String>> post(URI uri, int n) {
    return HTTP.sendAsync(
        HttpRequest.newBuilder(uri.resolve("/work"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + n + "}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The server records a 503 once its answer is written, just after the client has it. */
  private static void awaitCount(dev.mlsd.core.monitoring.LatencyRecorder r, long n)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (r.count() < n) {
      if (System.nanoTime() > until) {
        throw new AssertionError("expected " + n + " in " + r.name() + ", have " + r.count());
      }
      Thread.sleep(5);
    }
    assertEquals(n, r.count());
  }

  /** Waits until {@code n} handler calls have started (20 s at most). */
  private static void awaitStarted(AtomicInteger started, int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (started.get() < n) {
      if (System.nanoTime() > until) {
        throw new AssertionError("expected " + n + " handler calls, have " + started.get());
      }
      Thread.sleep(5);
    }
  }

  private static void awaitQueued(JsonServer server, int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (server.queued() < n) {
      if (System.nanoTime() > until) {
        throw new AssertionError("expected " + n + " queued, have " + server.queued());
      }
      Thread.sleep(5);
    }
  }

  /**
   * One worker, a queue of 10 and the given longest queue wait; the first request's handler blocks
   * until {@code release}, the later ones answer at once. {@code started} counts handler calls.
   */
  private static JsonServer firstRequestBlocks(
      String name, Duration maxQueueWait, AtomicInteger started, CountDownLatch release)
      throws java.io.IOException {
    return JsonServer.builder(name)
        .threads(1)
        .queueCapacity(10)
        .maxQueueWait(maxQueueWait)
        .post(
            "/work",
            Req.class,
            r -> {
              if (started.incrementAndGet() == 1) {
                await(release);
              }
              return Map.of("n", r.n());
            })
        .start();
  }

  @Test
  void aFullQueueAnswers503WithRetryAfterWhileHealthAndMetricsAnswer() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    try (JsonServer server =
            JsonServer.builder("overload")
                .threads(1)
                .queueCapacity(2)
                .maxQueueWait(Duration.ofSeconds(60))
                .post(
                    "/work",
                    Req.class,
                    r -> {
                      started.incrementAndGet();
                      await(release);
                      return Map.of("n", r.n());
                    })
                .start();
        TestClient client = new TestClient(server.uri())) {
      List<CompletableFuture<HttpResponse<String>>> admitted = new ArrayList<>();
      admitted.add(post(server.uri(), 0));
      awaitStarted(started, 1);
      admitted.add(post(server.uri(), 1));
      admitted.add(post(server.uri(), 2));
      awaitQueued(server, 2);

      HttpResponse<String> shed = post(server.uri(), 3).get(20, TimeUnit.SECONDS);
      assertEquals(503, shed.statusCode(), shed.body());
      assertEquals("1", shed.headers().firstValue("Retry-After").orElse(""));
      assertTrue(shed.body().startsWith("{\"error\":\"request queue full"), shed.body());
      awaitCount(server.shedLatency(false), 1);
      assertEquals(0, server.shedLatency(true).count());

      assertEquals(200, client.get("/health").statusCode());
      HttpResponse<String> metrics = client.get("/metrics");
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.body().contains("status=\"503\""), metrics.body());

      release.countDown();
      for (var f : admitted) {
        HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.body());
      }
      assertEquals(3, started.get());
    }
  }

  @Test
  void aNewcomerExpectedToWaitOverHalfTheBudgetIsRefusedOnArrival() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    try (JsonServer server =
            JsonServer.builder("expected-wait")
                .threads(1)
                .queueCapacity(10)
                .maxQueueWait(Duration.ofMillis(200))
                .post(
                    "/work",
                    Req.class,
                    r -> {
                      started.incrementAndGet();
                      if (r.n() == 0) {
                        sleep(400); // a worker now needs at least 400 ms a request
                      } else if (r.n() == 1) {
                        await(release);
                      }
                      return Map.of("n", r.n());
                    })
                .start();
        TestClient client = new TestClient(server.uri())) {
      assertEquals(200, post(server.uri(), 0).get(20, TimeUnit.SECONDS).statusCode());
      CompletableFuture<HttpResponse<String>> blocked = post(server.uri(), 1);
      awaitStarted(started, 2);
      // nothing queued: admitted, however slow the worker, since a worker may be free
      CompletableFuture<HttpResponse<String>> queued = post(server.uri(), 2);
      awaitQueued(server, 1);

      // one queued ahead at 400 ms or more a request: refused on the I/O thread, while the only
      // worker is still blocked, so the refusal did not wait for a worker
      HttpResponse<String> refused = post(server.uri(), 3).get(20, TimeUnit.SECONDS);
      assertEquals(503, refused.statusCode(), refused.body());
      assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
      assertTrue(refused.body().startsWith("{\"error\":\"expected wait "), refused.body());
      assertEquals(1, server.queued());
      awaitCount(server.shedLatency(false), 1);
      assertEquals(0, server.shedLatency(true).count());

      // saturated, /health and /metrics still answer, and the refusal is counted
      assertEquals(200, client.get("/health").statusCode());
      HttpResponse<String> metrics = client.get("/metrics");
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.body().contains("status=\"503\""), metrics.body());

      release.countDown();
      assertEquals(200, blocked.get(20, TimeUnit.SECONDS).statusCode());
      // alone in the queue when its turn came: run, however long it waited
      assertEquals(200, queued.get(20, TimeUnit.SECONDS).statusCode());
      assertEquals(0, server.shedLatency(true).count());
      assertEquals(3, started.get());
    }
  }

  @Test
  void aStandingQueueRefusesANewcomerAtOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    try (JsonServer server =
        firstRequestBlocks("standing", Duration.ofMillis(200), started, release)) {
      CompletableFuture<HttpResponse<String>> first = post(server.uri(), 0);
      awaitStarted(started, 1);
      CompletableFuture<HttpResponse<String>> second = post(server.uri(), 1);
      awaitQueued(server, 1);
      Thread.sleep(250); // the queued request has now waited longer than maxQueueWait

      // refused while the worker is still blocked: the answer did not wait for a worker
      HttpResponse<String> refused = post(server.uri(), 2).get(20, TimeUnit.SECONDS);
      assertEquals(503, refused.statusCode(), refused.body());
      assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
      assertTrue(refused.body().contains("oldest queued request has waited"), refused.body());
      assertEquals(1, server.queued());

      release.countDown();
      assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
      // alone in the queue when its turn came: run, however long it waited
      assertEquals(200, second.get(20, TimeUnit.SECONDS).statusCode());
      assertEquals(2, started.get());
    }
  }

  @Test
  void aRequestThatAgedPastTheBudgetWithOthersBehindItIsRefusedWithoutRunning() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    try (JsonServer server = firstRequestBlocks("late", Duration.ofSeconds(1), started, release)) {
      CompletableFuture<HttpResponse<String>> first = post(server.uri(), 0);
      awaitStarted(started, 1);
      CompletableFuture<HttpResponse<String>> second = post(server.uri(), 1);
      awaitQueued(server, 1);
      CompletableFuture<HttpResponse<String>> third = post(server.uri(), 2);
      awaitQueued(server, 2);
      Thread.sleep(1200); // both now waited longer than maxQueueWait
      release.countDown();

      assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
      HttpResponse<String> late = second.get(20, TimeUnit.SECONDS);
      assertEquals(503, late.statusCode(), late.body());
      assertEquals("1", late.headers().firstValue("Retry-After").orElse(""));
      assertTrue(late.body().contains("for a worker; server over capacity"), late.body());
      awaitCount(server.shedLatency(true), 1);
      assertEquals(0, server.shedLatency(false).count());
      // alone in the queue when its turn came: run, however long it waited
      assertEquals(200, third.get(20, TimeUnit.SECONDS).statusCode());
      assertEquals(2, started.get());
    }
  }
}
