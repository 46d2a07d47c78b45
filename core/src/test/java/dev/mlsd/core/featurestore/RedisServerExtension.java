package dev.mlsd.core.featurestore;

import java.io.IOException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real Redis for tests, never a mock. Resolution, once per test JVM:
 *
 * <ol>
 *   <li>{@code MLSD_REDIS_URL} if set (what {@code .ci/run} exports);
 *   <li>else a private {@code redis-server --port <free> --save '' --appendonly no}, if the binary
 *       is on the PATH, stopped when the JVM's tests end;
 *   <li>else every test of the class is skipped (aborted) with the reason, printed once; but when
 *       {@code CI=true} they fail instead, so CI never passes by skipping its Redis tests.
 * </ol>
 *
 * <p>Use: {@code @ExtendWith(RedisServerExtension.class)} on the class and a {@link RedisUrl}
 * parameter on a test or lifecycle method. Tests share the server, so each should use its own key
 * prefix ({@link RedisUrl#uniquePrefix()}). Test scope; published in core's test-jar for modules.
 */
public final class RedisServerExtension implements BeforeAllCallback, ParameterResolver {

  /**
   * The Redis a test should use.
   *
   * @param url {@code redis://host:port}
   * @param source where it came from: {@code "MLSD_REDIS_URL"} or {@code "private redis-server"}
   */
  public record RedisUrl(String url, String source) {
    private static final java.util.concurrent.atomic.AtomicLong SEQ =
        new java.util.concurrent.atomic.AtomicLong();

    /** A key prefix no other test of this JVM uses, ending in {@code ':'}. */
    public String uniquePrefix() {
      return "mlsd-test:" + ProcessHandle.current().pid() + ":" + SEQ.incrementAndGet() + ":";
    }
  }

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(RedisServerExtension.class);

  /** Holds the resolved server for the whole run; closing it stops a private server. */
  private static final class Resolved implements AutoCloseable {
    final RedisUrl url;
    final String skipReason;
    final RedisProcess process;

    Resolved(RedisUrl url, String skipReason, RedisProcess process) {
      this.url = url;
      this.skipReason = skipReason;
      this.process = process;
    }

    @Override
    public void close() {
      if (process != null) {
        process.close();
      }
    }
  }

  private static Resolved resolve() {
    String env = System.getenv("MLSD_REDIS_URL");
    if (env != null && !env.isBlank()) {
      return new Resolved(new RedisUrl(env.trim(), "MLSD_REDIS_URL"), null, null);
    }
    if (RedisProcess.findBinary() == null) {
      String reason =
          "Redis tests skipped: MLSD_REDIS_URL is not set and no redis-server binary is on the PATH"
              + " (install the Debian package redis-server)";
      System.err.println(reason);
      return new Resolved(null, reason, null);
    }
    try {
      RedisProcess p = RedisProcess.start();
      return new Resolved(new RedisUrl(p.url(), "private redis-server"), null, p);
    } catch (IOException e) {
      String reason = "Redis tests skipped: could not start redis-server: " + e.getMessage();
      System.err.println(reason);
      return new Resolved(null, reason, null);
    }
  }

  private static Resolved resolved(ExtensionContext context) {
    return context.getRoot().getStore(NS).computeIfAbsent("redis", k -> resolve(), Resolved.class);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    require(resolved(context));
  }

  /**
   * Skips when no Redis can be had, except on CI ({@code CI=true}), where a missing Redis fails the
   * tests: CI must not pass by skipping them.
   */
  private static void require(Resolved r) {
    if (r.url == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(r.skipReason.replace("skipped", "cannot run") + " (CI=true)");
    }
    Assumptions.assumeTrue(r.url != null, r.skipReason);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext context) {
    return parameterContext.getParameter().getType() == RedisUrl.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
    Resolved r = resolved(context);
    require(r);
    return r.url;
  }
}
