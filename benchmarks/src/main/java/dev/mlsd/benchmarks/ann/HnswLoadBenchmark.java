package dev.mlsd.benchmarks.ann;

import dev.mlsd.core.ann.HnswBuildParams;
import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.Similarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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
 * How long {@link HnswIndex#load} takes: checksum, bulk reads of the vector block and the link
 * arrays, and the structural check of every link; and {@link HnswIndex#loadQuantized}, which maps
 * the vector block instead of copying it and encodes the int8 codes. The bar: a million
 * vectors in seconds.
 *
 * <p>The index is built in setup with a small efConstruction (16): graph quality does not change
 * the file size or the load work, and a full-quality million-vector build takes minutes on two
 * cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx8g"})
public class HnswLoadBenchmark {
  /** Number of vectors. */
  @Param({"1000000"})
  public int n;

  /**
   * Dimension. At 784, 700,000 vectors make a file over 2 GiB (2.3 GB), which is written as a
   * stream and mapped back in 1 GiB segments.
   */
  @Param({"64"})
  public int d;

  private Path file;
  private int[] expected;
  private float[] query;

  @Setup(Level.Trial)
  public void build() throws IOException {
    HnswIndex index = new HnswIndex(d, Similarity.EUCLIDEAN, new HnswBuildParams(16, 16, 42L), n);
    // in chunks, so the base set is never held twice; two builder threads
    int chunk = 20_000;
    for (int from = 0; from < n; from += chunk) {
      float[][] part = AnnData.uniform(Math.min(chunk, n - from), d, 1L + from);
      if (from <= n / 2 && n / 2 < from + part.length) {
        query = part[n / 2 - from].clone();
      }
      index.addAll(part, 2);
    }
    expected = index.search(query, 10, new SearchParams(50));
    file = Files.createTempFile("mlsd-hnsw-load", ".mlsd");
    index.save(file);
    System.out.printf(
        "%nHNSW-FILE n=%d d=%d bytes=%d load=%s%n", n, d, Files.size(file), AnnCurve.loadAverage());
  }

  @Benchmark
  public HnswIndex load() throws IOException {
    HnswIndex index = HnswIndex.load(file);
    // check our own result: the loaded index answers as the saved one did
    int[] got = index.search(query, 10, new SearchParams(50));
    if (!Arrays.equals(got, expected)) {
      throw new AssertionError("loaded index answers differently");
    }
    return index;
  }

  /**
   * {@link HnswIndex#loadQuantized}: the same checks (every float included), then the int8 codes
   * fitted and encoded from the mapped floats, which stay in the file (one mapping of any size).
   */
  @Benchmark
  public HnswIndex loadQuantized() throws IOException {
    HnswIndex index = HnswIndex.loadQuantized(file);
    // the query is a stored vector: the re-scored best match is itself, as in the float index
    int[] got = index.search(query, 10, new SearchParams(50));
    if (got.length == 0 || got[0] != expected[0]) {
      throw new AssertionError("the quantized index does not find the stored vector first");
    }
    return index;
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }
}
