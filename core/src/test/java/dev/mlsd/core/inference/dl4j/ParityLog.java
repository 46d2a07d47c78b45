package dev.mlsd.core.inference.dl4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Records the maximum absolute difference of every parity check and writes them to {@code
 * target/inference-parity.txt} (tests never print; the file is the report).
 */
final class ParityLog {
  static final double TOLERANCE = 1e-5;
  private static final Map<String, Double> DIFFS = new TreeMap<>();

  private ParityLog() {}

  /** The max abs difference between DL4J's output and ours; recorded under {@code name}. */
  static synchronized double record(String name, INDArray dl4j, float[] ours) {
    float[] ref = Dl4jWeights.floats(dl4j);
    if (ref.length != ours.length) {
      throw new AssertionError(name + ": DL4J gave " + ref.length + " values, we " + ours.length);
    }
    double max = 0;
    for (int i = 0; i < ref.length; i++) {
      max = Math.max(max, Math.abs((double) ref[i] - ours[i]));
    }
    DIFFS.merge(name, max, Math::max);
    write();
    return max;
  }

  private static void write() {
    StringBuilder sb = new StringBuilder("# layer/model  max |DL4J - ours|  (tolerance 1e-5)\n");
    DIFFS.forEach((k, v) -> sb.append(String.format("%-40s %.3e%n", k, v)));
    try {
      Path dir = Path.of("target");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("inference-parity.txt"), sb.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
