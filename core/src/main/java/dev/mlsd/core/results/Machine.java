package dev.mlsd.core.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a result was measured on (figures from different machines are not comparable).
 *
 * @param cores available processors
 * @param os operating system name and version
 * @param arch CPU architecture
 * @param jdk Java runtime version and vendor
 * @param cpuModel the CPU's model name ({@code /proc/cpuinfo}), or "unknown"
 */
public record Machine(int cores, String os, String arch, String jdk, String cpuModel) {
  /** Checks at least one core and non-null strings. */
  public Machine {
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be >= 1, got " + cores);
    }
    if (os == null || arch == null || jdk == null || cpuModel == null) {
      throw new IllegalArgumentException("machine fields must not be null");
    }
  }

  /** This JVM's machine. */
  public static Machine current() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("os.arch"),
        System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")",
        readCpuModel());
  }

  private static String readCpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: the model stays unknown
    }
    return "unknown";
  }
}
