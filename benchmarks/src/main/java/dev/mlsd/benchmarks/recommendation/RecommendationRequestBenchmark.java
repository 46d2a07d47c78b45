package dev.mlsd.benchmarks.recommendation;

import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.recommendation.RecommendationSystem;
import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.MovieLensLoader;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.evaluation.EvaluationSet;
import dev.mlsd.recommendation.features.UserRequest;
import dev.mlsd.recommendation.serving.RecoRequest;
import dev.mlsd.recommendation.serving.RecommendationService;
import dev.mlsd.recommendation.serving.UserHistories;
import dev.mlsd.recommendation.serving.UserStateFeatures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full recommendation request of chapter 6, in process: request-time features (user tower, WALS
 * fold-in, trending, item-kNN, genre and EASE scores), candidate generation (two HNSW searches and
 * six more generators, merged and de-duplicated), the already-watched filter, feature hydration,
 * DNN scoring of the ~320 candidates (100 per ANN generator), and re-ranking (freshness, franchise
 * cap, MMR), for k = 10.
 *
 * <p>{@code state=store} is the served path of a known user: the user's embeddings and aggregates
 * are batch features, materialised into an in-memory feature store (as the HTTP server does at
 * start, from every warm user's history before the test period) and read per request; {@code
 * state=online} computes them from the history in the request (the anonymous user's path).
 *
 * <p>{@code ann} is the number of candidates each of the two ANN generators (two-tower, WALS)
 * returns, with the HNSW beam width equal to it (the beam holds that many anyway): the shipped
 * setting ({@link dev.mlsd.recommendation.serving.ServingParams#defaults()}) and the previous one
 * side by side, on the same trained models.
 *
 * <p>The system is trained in the setup on MovieLens ({@code MLSD_DATA_DIR}) with the quick
 * settings (one epoch per network: latency does not depend on the number of epochs), except EASE,
 * which is fitted as the demo serves it. Requests cycle over the test users whose history length is
 * in the chosen band, each with its real history up to the test period. The goal is p99 of at most
 * 1 ms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-modules=jdk.incubator.vector",
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow",
      "-Xmx4g"
    })
public class RecommendationRequestBenchmark {
  /** History band: "typical" = 20..200 rated films (most users), "all" = every test user. */
  @Param({"typical", "all"})
  public String users;

  /** Where a known user's embeddings come from: "store" (materialised) or "online" (computed). */
  @Param({"store", "online"})
  public String state;

  /** Candidates per ANN generator, and the HNSW beam width. */
  @Param({"100", "200"})
  public int ann;

  private UserStateFeatures userState;

  private RecommendationService service;
  private RecoRequest request;
  private final List<UserRequest> requests = new ArrayList<>();
  private final int[] out = new int[10];
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    RecommendationSystem sys =
        RecommendationSystem.train(
            MovieLensLoader.load(),
            RecommendationSystem.Params.defaults()
                .quick()
                // EASE as served by the demo (every video in the inverse, lambda 800, B pruned to
                // 256 per row), not the smoke run's smaller one: it sets query hydration's cost
                .withEase(
                    new RecommendationSystem.Params.EaseGrid(
                        new double[] {800}, new double[] {5}, 1, 256)),
            line -> {});
    service =
        new RecommendationService(
            sys.service().models(), sys.params().serving().withAnnCandidates(ann));
    request = service.newRequest();
    TimeSplit split = sys.split();
    Interactions log = split.interactions();
    if (state.equals("store")) {
      userState =
          new UserStateFeatures(
              new InMemoryFeatureStore(),
              service.models().tower().dimension(),
              service.models().wals().factors());
      // every warm user known up to their test period, as the server's replay starts
      int[] end = IntStream.range(0, log.userCount()).map(log::end).toArray();
      int[] warm = IntStream.range(0, log.userCount()).filter(u -> !split.isCold(u)).toArray();
      long now = 0;
      for (int u : warm) {
        end[u] = split.valEnd(u);
        now = Math.max(now, log.timestamp(end[u] - 1) + 1);
      }
      userState.materialise(service, new UserHistories(log, end), warm, now);
    } else if (!state.equals("online")) {
      throw new IllegalArgumentException("state must be store or online, got " + state);
    }
    EvaluationSet test = new EvaluationSet(split, EvaluationSet.Part.TEST);
    for (int q = 0; q < test.size(); q++) {
      UserRequest r = test.request(q, new UserRequest(256));
      if (users.equals("all") || (r.length >= 20 && r.length <= 200)) {
        requests.add(r);
      }
    }
    if (requests.isEmpty()) {
      throw new IllegalStateException("no test user in the band " + users);
    }
  }

  @Benchmark
  public int request() {
    UserRequest from = requests.get(next);
    next = (next + 1) % requests.size();
    UserRequest to = request.user;
    to.reset(from.user, from.nowSeconds);
    for (int h = 0; h < from.length; h++) {
      to.add(from.items[h], from.ratings[h], 0);
    }
    to.lastSeconds = from.lastSeconds;
    int n = service.recommend(request, 10, out, userState);
    if (n != 10) {
      throw new IllegalStateException("expected 10 recommendations, got " + n);
    }
    for (int i = 0; i < n; i++) {
      if (request.seen(out[i])) {
        throw new IllegalStateException("recommended a watched video");
      }
    }
    return out[0];
  }

  @TearDown(Level.Trial)
  public void check() {
    if (requests.size() < 10) {
      throw new IllegalStateException("too few requests to cycle: " + requests.size());
    }
  }
}
