package dev.mlsd.core.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.data.DatasetUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class DemoLauncherTest {
  /** A demo whose body does what the test asks. */
  @Command(name = "toy-demo", mixinStandardHelpOptions = true, description = "A toy demo.")
  static final class ToyDemo implements Callable<Integer> {
    @Mixin DemoOptions options;
    final Callable<Integer> body;

    ToyDemo(Callable<Integer> body) {
      this.body = body;
    }

    @Override
    public Integer call() throws Exception {
      return body.call();
    }
  }

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private int run(Callable<Integer> body, String... args) {
    return DemoLauncher.execute(new ToyDemo(body), out, err, args);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void defaultsAndValuesReachTheCommand() {
    ToyDemo demo = new ToyDemo(() -> 0);
    assertEquals(0, DemoLauncher.execute(demo, out, err));
    assertEquals(42, demo.options.seed());
    assertEquals(0, demo.options.port());
    assertEquals("criteo-sample", demo.options.dataset("criteo-sample"));
    assertFalse(demo.options.quick());
    assertTrue(demo.options.out("toy").endsWith(Path.of("results", "toy")));

    ToyDemo given = new ToyDemo(() -> 0);
    int code =
        DemoLauncher.execute(
            given, out, err, "--seed", "7", "--dataset", "avazu", "--out", "/tmp/x", "--quick");
    assertEquals(0, code);
    assertEquals(7, given.options.seed());
    assertEquals("avazu", given.options.dataset("criteo-sample"));
    assertEquals(Path.of("/tmp/x"), given.options.out("toy"));
    assertTrue(given.options.quick());
  }

  @Test
  void badFlagIsOneLineAndStatusTwo() {
    assertEquals(2, run(() -> 0, "--no-such-flag"));
    assertEquals(1, err().lines().count(), err());
    assertTrue(err().startsWith("error: Unknown option: '--no-such-flag'"), err());
    assertEquals(2, run(() -> 0, "--seed", "seven"));
  }

  @Test
  void missingDatasetIsOneLineEvenWhenWrapped() {
    Callable<Integer> body =
        () -> {
          throw new UncheckedIOException(
              new DatasetUnavailableException("dataset criteo-sample: file train.txt not found"));
        };
    assertEquals(2, run(body));
    assertEquals("error: dataset criteo-sample: file train.txt not found", err().strip());
  }

  @Test
  void userErrorShowsTheStackOnlyWithVerbose() {
    Callable<Integer> body =
        () -> {
          throw new UserError("--negative-rate must be in (0, 1]");
        };
    assertEquals(2, run(body));
    assertEquals("error: --negative-rate must be in (0, 1]", err().strip());
    errBytes.reset();
    assertEquals(2, run(body, "--verbose"));
    assertTrue(err().contains("at dev.mlsd.core.demo.DemoLauncherTest"), err());
  }

  @Test
  void aBugIsStatusOneWithItsStack() {
    assertEquals(
        1,
        run(
            () -> {
              throw new IllegalStateException("bug");
            }));
    assertTrue(err().contains("IllegalStateException: bug"));
    assertTrue(err().lines().count() > 1);
  }

  @Test
  void helpListsTheSharedOptions() {
    assertEquals(0, run(() -> 0, "--help"));
    String help = outBytes.toString(StandardCharsets.UTF_8);
    for (String flag :
        new String[] {
          "--dataset", "--seed", "--out", "--quick", "--serve", "--port", "--verbose"
        }) {
      assertTrue(help.contains(flag), flag);
    }
  }

  @Test
  void progressFlagSetsTheMode() {
    try {
      assertEquals(0, run(() -> 0, "--progress", "none"));
      assertEquals(Progress.Mode.NONE, new Progress(out, "x", 1).mode());
    } finally {
      Progress.setMode(Progress.Mode.AUTO);
    }
  }
}
