package dev.mlsd.recommendation.serving;

import dev.mlsd.core.http.BadRequestException;
import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.http.Validation;
import dev.mlsd.core.monitoring.DriftMonitor;
import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.TimeSplit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP face of the recommender, on the core {@link JsonServer} (127.0.0.1, {@code /health},
 * {@code /metrics} with the pipeline's per-stage latency, and feature and prediction drift once
 * {@link #monitorDrift} is called):
 *
 * <ul>
 *   <li>{@code GET /v1/users/{id}/recommendations?k=10[&at=seconds]}: a known (warm) MovieLens
 *       user, served from the whole history the system holds for them (batch rows and posted
 *       watches), at time {@code at} (default: just after the last rating of the data). Unknown
 *       user: 404; k outside [1, {@value #MAX_K}], or k or at not a number: 400.
 *   <li>{@code POST /v1/recommendations} with {@code {"history": [{"movieId": 1, "rating": 4.5}],
 *       "timestamp": 1537800000, "k": 10}} (all fields required): an anonymous (cold-start) user,
 *       from the session's history and context alone. Unknown movie, bad rating, bad k or a missing
 *       field: 400.
 *   <li>{@code POST /v1/users/{id}/watches} with {@code {"movieId": 1, "rating": 4.5, "timestamp":
 *       1537800000}}: a known user's watch, as it happens (online features). The user's history
 *       grows and their row of the feature store is recomputed by the batch job's code ({@link
 *       UserStateFeatures#refresh}), so the next recommendation reads it. Unknown user: 404;
 *       unknown movie, bad rating, or a timestamp before the user's previous watch: 400.
 * </ul>
 *
 * <p>Thread safety: handlers run on the server's fixed worker threads, each with its own {@link
 * RecoRequest} (thread-local), so requests share nothing mutable.
 *
 * <p>Book: chapter 6, "Serving"; chapter 1 (online prediction).
 */
public final class RecommendationHttpServer {
  /** The largest k served. */
  public static final int MAX_K = 100;

  /** 2 workers (one per core here), 16 queued requests, 100 ms longest queue wait. */
  public static final JsonServer.Limits DEFAULT_LIMITS =
      new JsonServer.Limits(2, 16, java.time.Duration.ofMillis(100));

  /** The longest anonymous history accepted. */
  public static final int MAX_HISTORY = 1000;

  private final RecommendationService service;
  private final Interactions log;
  private final UserHistories histories;
  private final Map<Integer, Integer> knownUsers = new HashMap<>();
  private final long now;
  private final ThreadLocal<RecoRequest> requests;
  private final UserStateFeatures userState;
  private DriftMonitor drift;
  private dev.mlsd.core.serving.PipelineObserver<RecoRequest> driftObserver;

  /**
   * Serves with the known users' state materialised into a new in-memory feature store.
   *
   * @param service the recommender
   * @param split the split: warm users are known, cold-start users are not (they use POST)
   */
  public RecommendationHttpServer(RecommendationService service, TimeSplit split) {
    this(service, split, new dev.mlsd.core.featurestore.InMemoryFeatureStore());
  }

  /**
   * @param service the recommender
   * @param split the split: warm users are known, cold-start users are not (they use POST)
   * @param store where the known users' state is materialised at start (in-memory, or Redis)
   */
  public RecommendationHttpServer(
      RecommendationService service,
      TimeSplit split,
      dev.mlsd.core.featurestore.FeatureStore store) {
    this(service, split, store, false);
  }

  /**
   * A server that knows each warm user only up to their test period: the start of a replay, which
   * posts the test period's watches in time order ({@code OnlineReplay}).
   */
  public static RecommendationHttpServer beforeTestPeriod(
      RecommendationService service, TimeSplit split) {
    return new RecommendationHttpServer(
        service, split, new dev.mlsd.core.featurestore.InMemoryFeatureStore(), true);
  }

  private RecommendationHttpServer(
      RecommendationService service,
      TimeSplit split,
      dev.mlsd.core.featurestore.FeatureStore store,
      boolean beforeTest) {
    this.service = service;
    this.log = split.interactions();
    int[] end = new int[log.userCount()];
    long max = 0;
    for (int u = 0; u < log.userCount(); u++) {
      if (!split.isCold(u)) {
        knownUsers.put(log.userId(u), u);
      }
      end[u] = beforeTest && !split.isCold(u) ? split.valEnd(u) : log.end(u);
      for (int r = log.start(u); r < end[u]; r++) {
        max = Math.max(max, log.timestamp(r));
      }
    }
    this.histories = new UserHistories(log, end);
    this.now = max + 1;
    this.requests = ThreadLocal.withInitial(service::newRequest);
    this.userState =
        new UserStateFeatures(
            store, service.models().tower().dimension(), service.models().wals().factors());
    userState.materialise(
        service,
        histories,
        knownUsers.values().stream().mapToInt(Integer::intValue).sorted().toArray(),
        now);
  }

  /**
   * Watches drift from now on: every request the pipeline serves feeds the monitor (its scoring
   * features and predictions, {@link RankingDrift}), and servers started afterwards expose its PSI
   * and KL on {@code /metrics}. At most once per server.
   *
   * @param monitor from {@link RankingDrift#fromTraining}
   * @return this server
   */
  public synchronized RecommendationHttpServer monitorDrift(DriftMonitor monitor) {
    if (drift != null) {
      throw new IllegalStateException("this server already watches a drift monitor");
    }
    driftObserver = RankingDrift.observer(monitor);
    service.pipeline().addObserver(driftObserver);
    drift = monitor;
    return this;
  }

  /**
   * Stops feeding the drift monitor (the pipeline is shared: a server that is closed should not
   * keep observing the requests of others). The monitor keeps what it saw.
   */
  public synchronized void stopDriftMonitoring() {
    if (driftObserver != null) {
      service.pipeline().removeObserver(driftObserver);
      driftObserver = null;
    }
  }

  /** The materialised known-user state. */
  public UserStateFeatures userState() {
    return userState;
  }

  /** The time the served system takes as "now" for known users: just after the last rating. */
  public long now() {
    return now;
  }

  /** One recommended video. */
  public record Item(int movieId, String title, String genres, int year, float score) {}

  /** The answer to both endpoints. */
  public record Response(Integer userId, int k, List<Item> items) {}

  /** One history entry of an anonymous request. */
  public record HistoryEntry(int movieId, float rating) {
    public HistoryEntry {
      Validation.range("rating", rating, 0.5, 5.0);
    }
  }

  /**
   * The anonymous (cold-start) request body; every field is required.
   *
   * @param history the session's rated videos, oldest first (may be empty)
   * @param timestamp the request time, seconds since the epoch (context: hour, day of week)
   * @param k how many videos, 1 to {@value #MAX_K}
   */
  public record AnonymousRequest(List<HistoryEntry> history, long timestamp, int k) {
    public AnonymousRequest {
      Validation.present("history", history);
      Validation.maxLength("history", history, MAX_HISTORY);
      Validation.range("k", k, 1, MAX_K);
      if (timestamp < 0) {
        throw BadRequestException.badRequest("timestamp must be >= 0 seconds");
      }
    }
  }

  /**
   * Serves a known user.
   *
   * @throws BadRequestException 404 for an unknown user
   */
  public Response forUser(int userId, int k) {
    return forUser(userId, k, -1);
  }

  /**
   * Serves a known user at a given time.
   *
   * @param userId the MovieLens userId
   * @param k how many
   * @param at the request time, seconds since the epoch, or -1 for the server's "now"; never
   *     earlier than the user's last watch (a replay asks at each watch's time)
   * @throws BadRequestException 404 for an unknown user
   */
  public Response forUser(int userId, int k, long at) {
    Validation.range("k", k, 1, MAX_K);
    Integer u = knownUsers.get(userId);
    if (u == null) {
      throw BadRequestException.unknownId("user", userId);
    }
    RecoRequest q = requests.get();
    histories.fill(u, at < 0 ? now : Math.max(at, histories.lastWatch(u)), q.user);
    return answer(q, userId, k, userState);
  }

  /**
   * A watch event, posted as it happens.
   *
   * @param movieId the MovieLens movieId watched
   * @param rating the stars given, 0.5 to 5
   * @param timestamp when, seconds since the epoch; not before the user's previous watch
   */
  public record Watch(int movieId, float rating, long timestamp) {
    public Watch {
      Validation.range("rating", rating, 0.5, 5.0);
      if (timestamp < 0) {
        throw BadRequestException.badRequest("timestamp must be >= 0 seconds");
      }
    }
  }

  /**
   * The answer to a posted watch.
   *
   * @param userId the user
   * @param historyLength their history length now
   * @param posted watches posted for them since the server started
   */
  public record WatchAccepted(int userId, int historyLength, int posted) {}

  /**
   * Records a known user's watch and updates their features online: the history grows and the
   * user's row in the feature store is recomputed by the same code as the batch materialisation, so
   * the next recommendation reflects it.
   *
   * @throws BadRequestException 404 for an unknown user, 400 for an unknown movie or a timestamp
   *     before the user's previous watch
   */
  public WatchAccepted watch(int userId, Watch w) {
    Validation.present("watch", w);
    Integer u = knownUsers.get(userId);
    if (u == null) {
      throw BadRequestException.unknownId("user", userId);
    }
    int item = service.models().catalog().itemOf(w.movieId());
    if (item < 0) {
      throw BadRequestException.badRequest("unknown movieId " + w.movieId());
    }
    int length;
    try {
      length = histories.append(u, item, w.rating(), w.timestamp());
    } catch (IllegalArgumentException e) {
      throw BadRequestException.badRequest(e.getMessage());
    }
    RecoRequest q = requests.get();
    histories.fill(u, w.timestamp(), q.user);
    userState.refresh(service, q);
    return new WatchAccepted(userId, length, histories.postedCount(u));
  }

  /** Parses {@code "{id}/watches"}. */
  Object routeWatch(String rest, Watch body) {
    String[] parts = rest.split("/");
    if (parts.length != 2 || !parts[1].equals("watches")) {
      throw new BadRequestException(404, "no endpoint POST /v1/users/" + rest);
    }
    return watch(userId(parts[0]), body);
  }

  private static int userId(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw BadRequestException.badRequest("user id must be an integer, got '" + text + "'");
    }
  }

  /** Serves an anonymous user from the posted history. */
  public Response anonymous(AnonymousRequest body) {
    int k = body.k();
    long t = body.timestamp();
    RecoRequest q = requests.get();
    q.user.reset(-1, t);
    Catalog c = service.models().catalog();
    for (HistoryEntry h : body.history()) {
      if (h == null) {
        throw BadRequestException.badRequest("history entries must not be null");
      }
      int item = c.itemOf(h.movieId());
      if (item < 0) {
        throw BadRequestException.badRequest("unknown movieId " + h.movieId());
      }
      q.user.add(item, h.rating(), t);
    }
    return answer(q, null, k, null);
  }

  private Response answer(RecoRequest q, Integer userId, int k, UserStateFeatures state) {
    var c = service.serve(q, k, state);
    int n = Math.min(k, c.size());
    Catalog cat = service.models().catalog();
    List<Item> items = new ArrayList<>(n);
    for (int p = 0; p < n; p++) {
      int id = c.id(p);
      items.add(
          new Item(cat.movieId(id), cat.title(id), cat.genresText(id), cat.year(id), c.score(p)));
    }
    return new Response(userId, k, items);
  }

  /** Parses {@code "{id}/recommendations"}. */
  Object route(String rest, Map<String, String> query) {
    String[] parts = rest.split("/");
    if (parts.length != 2 || !parts[1].equals("recommendations")) {
      throw new BadRequestException(404, "no endpoint /v1/users/" + rest);
    }
    int id = userId(parts[0]);
    int k = 10;
    String ks = query.get("k");
    if (ks != null) {
      try {
        k = Integer.parseInt(ks);
      } catch (NumberFormatException e) {
        throw BadRequestException.badRequest("k must be an integer, got '" + ks + "'");
      }
    }
    long at = -1;
    String as = query.get("at");
    if (as != null) {
      try {
        at = Long.parseLong(as);
      } catch (NumberFormatException e) {
        throw BadRequestException.badRequest(
            "at must be seconds since the epoch, got '" + as + "'");
      }
      if (at < 0) {
        throw BadRequestException.badRequest("at must be >= 0 seconds");
      }
    }
    return forUser(id, k, at);
  }

  /**
   * Starts the server with {@link #DEFAULT_LIMITS}.
   *
   * @param port the port, 0 for an ephemeral one
   * @return the running server (close it to stop)
   */
  public JsonServer start(int port) throws IOException {
    return start(port, DEFAULT_LIMITS);
  }

  /**
   * Starts the server.
   *
   * @param port the port, 0 for an ephemeral one
   * @param limits workers, queue and longest queue wait (the load command's {@code --threads},
   *     {@code --queue}, {@code --max-queue-ms})
   * @return the running server (close it to stop)
   */
  public JsonServer start(int port, JsonServer.Limits limits) throws IOException {
    JsonServer.Builder b = JsonServer.builder("recommendation");
    if (drift != null) {
      b.drift(drift);
    }
    return b.port(port)
        .limits(limits)
        .getPrefix("/v1/users/", this::route)
        .post("/v1/recommendations", AnonymousRequest.class, this::anonymous)
        .postPrefix("/v1/users/", Watch.class, this::routeWatch)
        .pipeline(service.pipeline())
        .featureStore("user-state", userState.store())
        .health("knownUsers", knownUsers::size)
        .health("videos", () -> service.models().catalog().size())
        .start();
  }
}
