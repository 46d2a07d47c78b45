package dev.mlsd.core.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The command line every demo shares, as a picocli mixin: {@code --dataset}, {@code --seed}, {@code
 * --out}, {@code --quick}, {@code --serve}, {@code --port}, {@code --progress} and {@code
 * --verbose}; {@code --help} and {@code --version} come from the command's {@code
 * mixinStandardHelpOptions}.
 *
 * <pre>{@code
 * @Command(name = "ad-ctr", mixinStandardHelpOptions = true, description = "...")
 * public final class AdCtrDemo implements Callable<Integer> {
 *   @Mixin DemoOptions options;
 *   public static void main(String[] args) { DemoLauncher.run(new AdCtrDemo(), args); }
 * }
 * }</pre>
 *
 * <p>A module reads the values through the accessors, which apply its defaults ({@link
 * #dataset(String)}, {@link #out(String)}). Thread safety: filled by picocli before the command
 * runs, read-only afterwards.
 */
public final class DemoOptions {
  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "Dataset to run on (a folder under $MLSD_DATA_DIR); default: the module's.")
  String dataset;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of every random choice (splits, sampling, training, bootstrap).")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where results.json and report.html go; default: results/<module>.")
  Path out;

  @Option(names = "--quick", description = "A smoke run in seconds: little data, short training.")
  boolean quick;

  @Option(names = "--serve", description = "Keep the HTTP server up after the demo (Ctrl-C ends).")
  boolean serve;

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "Port of the HTTP server on 127.0.0.1; 0 (default) takes any free port.")
  int port;

  @Option(
      names = "--progress",
      defaultValue = "AUTO",
      paramLabel = "MODE",
      description =
          "Progress display: auto (a live bar on a terminal, sparse lines in a log), bar, lines,"
              + " none. Default: ${DEFAULT-VALUE}.")
  Progress.Mode progress;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  /** The dataset asked for, or {@code defaultName} when none was. */
  public String dataset(String defaultName) {
    return dataset == null ? defaultName : dataset;
  }

  /** Whether {@code --dataset} was given. */
  public boolean datasetGiven() {
    return dataset != null;
  }

  /** The seed (default 42). */
  public long seed() {
    return seed;
  }

  /**
   * The output folder: {@code --out}, else {@code results/<module>} under the project's root (the
   * folder Maven was started in, else the outermost folder above the working directory that holds a
   * {@code pom.xml}, else the working directory).
   */
  public Path out(String module) {
    return out != null ? out : resultsRoot().resolve(module);
  }

  /** Whether this is a smoke run ({@code --quick}). */
  public boolean quick() {
    return quick;
  }

  /** Whether to keep serving after the demo ({@code --serve}). */
  public boolean serve() {
    return serve;
  }

  /** The port to bind on 127.0.0.1; 0 = any free port. */
  public int port() {
    return port;
  }

  /** Whether to print stack traces ({@code --verbose}). */
  public boolean verbose() {
    return verbose;
  }

  /** The progress display asked for; {@link DemoLauncher} applies it before the command runs. */
  public Progress.Mode progress() {
    return progress;
  }

  /**
   * The folder every module's results go under: {@code <project root>/results}. See {@link
   * #out(String)} for how the root is found.
   */
  public static Path resultsRoot() {
    String maven = System.getProperty("maven.multiModuleProjectDirectory");
    if (maven != null && !maven.isBlank()) {
      return Path.of(maven).toAbsolutePath().normalize().resolve("results");
    }
    Path dir = Path.of("").toAbsolutePath().normalize();
    Path root = dir;
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml"))) {
        root = p;
      }
    }
    return root.resolve("results");
  }
}
