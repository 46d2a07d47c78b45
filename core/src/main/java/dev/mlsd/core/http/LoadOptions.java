package dev.mlsd.core.http;

import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.featurestore.InMemoryFeatureStore;
import dev.mlsd.core.featurestore.RedisFeatureStore;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntFunction;
import picocli.CommandLine.Option;

/**
 * The command line every load command shares, as a picocli mixin: the rates ({@code --qps}, a list
 * run in turn), {@code --seconds}, {@code --warmup}, {@code --clients}, the server's limits ({@code
 * --threads}, {@code --queue}, {@code --max-queue-ms}) and the feature store ({@code --redis},
 * {@code --budget-ms}). Used by {@code ToyServer --load}, ad-ctr's {@code AdLoadTest},
 * recommendation's {@code RecommendationLoadTest} and the load commands of visual search and
 * harmful content; {@link ServerBreakdown} prints what each run measured.
 *
 * <pre>{@code
 * @Command(name = "ad-load-test", mixinStandardHelpOptions = true, description = "...")
 * public final class AdLoadTest implements Callable<Integer> {
 *   @Mixin LoadOptions load;
 * }
 * }</pre>
 *
 * <p>A command whose defaults differ passes them to {@link #LoadOptions(int, int)} in the field's
 * initialiser ({@code @Mixin LoadOptions load = new LoadOptions(500, 8);}); picocli keeps that
 * instance. Thread safety: filled by picocli before the command runs, read-only afterwards.
 */
public final class LoadOptions {
  @Option(
      names = "--qps",
      split = ",",
      description =
          "requests per second; a list (500,1000) runs each in turn (default ${DEFAULT-VALUE})")
  int[] rates;

  @Option(names = "--seconds", description = "measured seconds (default ${DEFAULT-VALUE})")
  int seconds = 20;

  @Option(names = "--warmup", description = "warm-up seconds (default ${DEFAULT-VALUE})")
  int warmup = 5;

  @Option(
      names = "--clients",
      description = "load generator connections (default ${DEFAULT-VALUE})")
  int clients;

  @Option(
      names = "--threads",
      description = "HTTP worker threads (default ${DEFAULT-VALUE}, one per core here)")
  int threads = 2;

  @Option(
      names = "--queue",
      description = "requests that may wait for a worker; more get 503 (default ${DEFAULT-VALUE})")
  int queue = 16;

  @Option(
      names = "--max-queue-ms",
      description =
          "longest wait for a worker; a newcomer expected to wait over half of it gets 503"
              + " (default ${DEFAULT-VALUE})")
  int maxQueueMillis = 5;

  @Option(
      names = {"--redis", "--feature-store"},
      description = "Redis URL for the feature store, redis://host:port (default: in memory)")
  String redis;

  @Option(
      names = "--budget-ms",
      description = "Redis feature-read budget in ms (default ${DEFAULT-VALUE})")
  int budgetMillis = 10;

  /** 200 requests/s and 32 connections by default. */
  public LoadOptions() {
    this(200, 32);
  }

  /**
   * Other defaults for the rate and the number of connections.
   *
   * @param defaultQps the rate when {@code --qps} is not given
   * @param defaultClients the connections when {@code --clients} is not given
   */
  public LoadOptions(int defaultQps, int defaultClients) {
    this.rates = new int[] {defaultQps};
    this.clients = defaultClients;
  }

  /** The rates to run, in order. */
  public int[] rates() {
    return rates.clone();
  }

  /** Measured time per rate. */
  public Duration measured() {
    return Duration.ofSeconds(seconds);
  }

  /** Warm-up time per rate (sent, not measured). */
  public Duration warmup() {
    return Duration.ofSeconds(warmup);
  }

  /** Load generator connections. */
  public int clients() {
    return clients;
  }

  /** The server's workers, queue and longest queue wait. */
  public JsonServer.Limits limits() {
    return new JsonServer.Limits(threads, queue, Duration.ofMillis(maxQueueMillis));
  }

  /** Whether {@code --redis} was given. */
  public boolean redis() {
    return redis != null;
  }

  /**
   * Opens the feature store asked for: in memory, or Redis at {@code --redis} with the {@code
   * --budget-ms} read budget. The caller closes it.
   */
  public FeatureStore openStore() {
    return redis == null
        ? new InMemoryFeatureStore()
        : new RedisFeatureStore(
            redis,
            RedisFeatureStore.Settings.defaults().withBudget(Duration.ofMillis(budgetMillis)));
  }

  /** The load generator's settings for one rate against {@code target}. */
  public LoadGenerator.Settings settings(URI target, int qps, IntFunction<String> body) {
    return new LoadGenerator.Settings(target, qps, warmup(), measured(), clients, body);
  }

  /**
   * One line stating a run: {@code "400 requests/s, 20 s after 5 s warm-up, 32 clients, 2 workers,
   * queue 16, max queue wait 5 ms"}.
   */
  public String describe(int qps) {
    return String.format(
        Locale.ROOT,
        "%d requests/s, %d s after %d s warm-up, %d clients, %d workers, queue %d,"
            + " max queue wait %d ms",
        qps,
        seconds,
        warmup,
        clients,
        threads,
        queue,
        maxQueueMillis);
  }
}
