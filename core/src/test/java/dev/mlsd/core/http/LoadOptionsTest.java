package dev.mlsd.core.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@link LoadOptions} as a picocli mixin: defaults, a command's own defaults, the limits. */
class LoadOptionsTest {
  @Command(name = "load")
  static final class Plain implements Callable<Integer> {
    @Mixin LoadOptions load;

    @Override
    public Integer call() {
      return 0;
    }
  }

  @Command(name = "toy")
  static final class OwnDefaults implements Callable<Integer> {
    @Mixin LoadOptions load = new LoadOptions(500, 8);

    @Override
    public Integer call() {
      return 0;
    }
  }

  @Test
  void defaultsAndAListOfRates() {
    Plain plain = new Plain();
    new CommandLine(plain).parseArgs();
    assertArrayEquals(new int[] {200}, plain.load.rates());
    assertEquals(32, plain.load.clients());
    assertEquals(new JsonServer.Limits(2, 16, Duration.ofMillis(5)), plain.load.limits());
    assertFalse(plain.load.redis());

    Plain given = new Plain();
    new CommandLine(given)
        .parseArgs(
            "--qps",
            "500,1000",
            "--threads",
            "3",
            "--queue",
            "8",
            "--max-queue-ms",
            "20",
            "--seconds",
            "60",
            "--warmup",
            "10",
            "--redis",
            "redis://127.0.0.1:1");
    assertArrayEquals(new int[] {500, 1000}, given.load.rates());
    assertEquals(new JsonServer.Limits(3, 8, Duration.ofMillis(20)), given.load.limits());
    assertEquals(Duration.ofSeconds(60), given.load.measured());
    assertEquals(Duration.ofSeconds(10), given.load.warmup());
    assertTrue(given.load.redis());
    LoadGenerator.Settings s =
        given.load.settings(URI.create("http://127.0.0.1:1/rank"), 1000, i -> "{}");
    assertEquals(1000, s.qps());
    assertEquals(32, s.clients());
    assertTrue(given.load.describe(1000).startsWith("1000 requests/s, 60 s after 10 s warm-up"));
  }

  @Test
  void aCommandKeepsItsOwnDefaults() {
    OwnDefaults toy = new OwnDefaults();
    new CommandLine(toy).parseArgs();
    assertArrayEquals(new int[] {500}, toy.load.rates());
    assertEquals(8, toy.load.clients());
  }

  @Test
  void badLimitsAreRefused() {
    Plain plain = new Plain();
    new CommandLine(plain).parseArgs("--threads", "0");
    assertThrows(IllegalArgumentException.class, plain.load::limits);
  }
}
