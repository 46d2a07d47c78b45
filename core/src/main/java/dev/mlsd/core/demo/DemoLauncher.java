package dev.mlsd.core.demo;

import dev.mlsd.core.data.DatasetUnavailableException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a demo's picocli command the same way for every module, and turns failures into exit
 * statuses:
 *
 * <ul>
 *   <li>0: the demo ran;
 *   <li>2: a user error, printed as one line on stderr ({@code error: ...}): a bad flag or value
 *       (picocli's parameter errors, with a pointer to {@code --help}), a {@link UserError}, or a
 *       missing dataset ({@link DatasetUnavailableException} anywhere in the cause chain). The
 *       stack trace follows only with {@code --verbose};
 *   <li>1: anything else (a bug): the full stack trace.
 * </ul>
 *
 * <p>Before the command runs, the {@code --progress} mode of its {@link DemoOptions} mixin (if it
 * has one) is applied to {@link Progress}.
 */
public final class DemoLauncher {
  /** Exit status of a user error. */
  public static final int USER_ERROR = 2;

  private DemoLauncher() {}

  /**
   * Runs {@code command} with {@code args} and exits the JVM with a non-zero status on failure;
   * returns normally on success (so {@code mvn exec:java} finishes as usual).
   */
  public static void run(Object command, String... args) {
    int code = execute(command, System.out, System.err, args);
    if (code != 0) {
      System.out.flush();
      System.exit(code);
    }
  }

  /**
   * Runs {@code command} with {@code args} and returns its exit status (for tests).
   *
   * @param out where help and the command's usage go
   * @param err where errors go
   */
  public static int execute(Object command, PrintStream out, PrintStream err, String... args) {
    CommandLine cli = new CommandLine(command);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("error: " + oneLine(ex.getMessage()) + " (see --help)");
          if (verbose(ex.getCommandLine().getCommandSpec(), a)) {
            ex.printStackTrace(err);
          }
          return USER_ERROR;
        });
    cli.setExecutionStrategy(
        parsed -> {
          DemoOptions options = options(parsed.commandSpec());
          if (options != null) {
            Progress.setMode(options.progress());
          }
          return new CommandLine.RunLast().execute(parsed);
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parsed) -> {
          Throwable user = userError(ex);
          boolean verbose = verbose(commandLine.getCommandSpec(), args);
          if (user == null) {
            ex.printStackTrace(err);
            return 1;
          }
          err.println("error: " + oneLine(user.getMessage()));
          if (verbose) {
            ex.printStackTrace(err);
          }
          return USER_ERROR;
        });
    return cli.execute(args);
  }

  /** The first user error in the cause chain, or null. */
  static Throwable userError(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UserError
          || c instanceof DatasetUnavailableException
          || c instanceof CommandLine.ParameterException) {
        return c;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  private static DemoOptions options(CommandSpec spec) {
    for (CommandSpec mixin : spec.mixins().values()) {
      if (mixin.userObject() instanceof DemoOptions o) {
        return o;
      }
    }
    return null;
  }

  private static boolean verbose(CommandSpec spec, String[] args) {
    DemoOptions o = options(spec);
    return (o != null && o.verbose()) || Arrays.asList(args).contains("--verbose");
  }

  private static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
