package dev.mlsd.benchmarks.ann;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.demo.UserError;
import dev.mlsd.core.io.Artifact;
import dev.mlsd.core.io.ArtifactFile;
import dev.mlsd.core.io.CorruptArtifactException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * One of this project's indexes timed alone, in a JVM of its own, on an index saved to a file:
 * {@code prepare} builds the index once (as {@link AnnSearchBenchmark} builds {@code mlsd-hnsw})
 * and saves it with the held-out queries and their exact top 10; {@code curve} loads it as the
 * float index, the int8 index or the int8 index with its floats mapped, and measures one recall/QPS
 * curve with {@link AnnCurve}, the benchmark's own loop.
 *
 * <p>Why: timed in turn in one JVM, the float and int8 searchers share the search code and the
 * float one runs at 56-67% of its speed alone (benchmarks/README.md, "Int8 at 1M, and a trap"), so
 * the int8 ratio must be measured with each alone; at 1M vectors a JMH trial spends three to four
 * minutes building the index before it measures anything, this a second loading it.
 *
 * <pre>
 *   java -cp benchmarks.jar dev.mlsd.benchmarks.ann.SavedIndexCurve prepare mog64-1m /tmp/1m.idx /tmp/1m.queries
 *   for lib in mlsd-hnsw mlsd-hnsw-sq8-mapped; do
 *     MLSD_ANN_CURVES=alone.tsv java --add-modules=jdk.incubator.vector -Xms6g -Xmx6g \
 *         -cp benchmarks.jar dev.mlsd.benchmarks.ann.SavedIndexCurve curve $lib /tmp/1m.idx /tmp/1m.queries
 *   done
 * </pre>
 */
@Command(
    name = "saved-index-curve",
    mixinStandardHelpOptions = true,
    description = "Time one of this project's indexes alone on an index saved to a file.",
    subcommands = {SavedIndexCurve.Prepare.class, SavedIndexCurve.Curve.class})
public final class SavedIndexCurve implements Callable<Integer> {
  /** The query file's kind and layout version ({@link ArtifactFile}). */
  static final String QUERY_KIND = "ann-queries-with-truth";

  static final int QUERY_VERSION = 1;

  /** The indexes {@code curve} loads: float, int8 on the heap, int8 with the floats mapped. */
  static final List<String> LIBRARIES =
      List.of("mlsd-hnsw", "mlsd-hnsw-sq8", "mlsd-hnsw-sq8-mapped");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Entry point. */
  public static void main(String[] args) {
    DemoLauncher.run(new SavedIndexCurve(), args);
  }

  @Override
  public Integer call() {
    throw new UserError("name a step: prepare or curve (see --help)");
  }

  @Command(
      name = "prepare",
      mixinStandardHelpOptions = true,
      description = "Build this project's index on a dataset, save it, and save the queries.")
  static final class Prepare implements Callable<Integer> {
    @Parameters(index = "0", description = "fmnist-784, fmnist-pca64, random64-N or mogD-N")
    String dataset;

    @Parameters(index = "1", description = "the index file to write")
    Path index;

    @Parameters(index = "2", description = "the query file to write (queries and exact top k)")
    Path queries;

    @Option(names = "--queries", description = "held-out queries (default: ${DEFAULT-VALUE})")
    int count = 1000;

    @Option(names = "--threads", description = "build threads (default: ${DEFAULT-VALUE})")
    int threads = 2;

    @Override
    public Integer call() throws IOException {
      AnnData data = AnnData.load(dataset, 0, count);
      AnnContender.Mlsd built = new AnnContender.Mlsd(false, false);
      long t0 = System.nanoTime();
      built.build(data.base(), threads);
      System.out.printf(
          Locale.ROOT,
          "built %s (%d x %d) with %d threads in %.1f s%n",
          dataset,
          data.base().length,
          data.base()[0].length,
          threads,
          (System.nanoTime() - t0) / 1e9);
      built.index().save(index);
      int[][] truth = AnnSearchBenchmark.groundTruth(data.base(), data.measure(), null);
      writeQueries(queries, dataset, data.measure(), truth);
      System.out.printf("saved %s (%d bytes) and %s%n", index, Files.size(index), queries);
      return 0;
    }
  }

  @Command(
      name = "curve",
      mixinStandardHelpOptions = true,
      description = "Load a saved index as one library and measure its recall/QPS curve.")
  static final class Curve implements Callable<Integer> {
    @Parameters(index = "0", description = "mlsd-hnsw, mlsd-hnsw-sq8 or mlsd-hnsw-sq8-mapped")
    String library;

    @Parameters(index = "1", description = "an index file from prepare")
    Path index;

    @Parameters(index = "2", description = "its query file from prepare")
    Path queries;

    @Option(
        names = "--sweep",
        description = "ef values, colon-separated (default: ${DEFAULT-VALUE})")
    String sweep = "10:16:24:32:48:64:96:128:192:256:384";

    @Option(
        names = "--rescore",
        description =
            "int8 only: re-score this many times k candidates with the floats (default:"
                + " ${DEFAULT-VALUE}); the curve is labelled library-rescoreN when not the default")
    int rescore = SearchParams.DEFAULT_RESCORE_MULTIPLE;

    @Override
    public Integer call() throws IOException {
      if (!LIBRARIES.contains(library)) {
        throw new UserError("unknown library '" + library + "': " + String.join(", ", LIBRARIES));
      }
      QuerySet q;
      HnswIndex loaded;
      try {
        q = readQueries(queries);
        loaded =
            library.equals("mlsd-hnsw-sq8-mapped")
                ? HnswIndex.loadQuantized(index)
                : HnswIndex.load(index);
      } catch (NoSuchFileException e) {
        throw new UserError("no such file: " + e.getFile() + " (write it with prepare)", e);
      } catch (CorruptArtifactException e) {
        throw new UserError(e.getMessage(), e);
      }
      if (library.equals("mlsd-hnsw-sq8")) {
        loaded.quantize();
      }
      if (loaded.dimension() != q.queries()[0].length) {
        throw new UserError(
            "the index has dimension "
                + loaded.dimension()
                + ", the queries "
                + q.queries()[0].length);
      }
      if (rescore < 1) {
        throw new UserError("--rescore must be >= 1, got " + rescore);
      }
      AnnContender.Mlsd contender = AnnContender.Mlsd.of(loaded, !library.equals("mlsd-hnsw"));
      contender.setRescoreMultiple(rescore);
      String label =
          rescore == SearchParams.DEFAULT_RESCORE_MULTIPLE || library.equals("mlsd-hnsw")
              ? library
              : library + "-rescore" + rescore;
      AnnCurve.sweep(q.dataset(), label, contender, sweep, q.queries(), q.truth(), q.k());
      return 0;
    }
  }

  /** Held-out queries, their exact top k, and the dataset they come from. */
  record QuerySet(String dataset, float[][] queries, int[][] truth, int k) {}

  /**
   * Writes the queries and their exact answers as a checksummed artifact: n, d, k, then n x d
   * floats, then n x k ids, little-endian.
   */
  static void writeQueries(Path file, String dataset, float[][] queries, int[][] truth)
      throws IOException {
    int n = queries.length;
    int d = queries[0].length;
    int k = truth[0].length;
    ByteBuffer b =
        ByteBuffer.allocate(Math.multiplyExact(4, 3 + n * d + n * k))
            .order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(n).putInt(d).putInt(k);
    for (float[] row : queries) {
      for (float x : row) {
        b.putFloat(x);
      }
    }
    for (int[] row : truth) {
      for (int id : row) {
        b.putInt(id);
      }
    }
    String header = JSON.createObjectNode().put("dataset", dataset).toString();
    ArtifactFile.write(file, QUERY_KIND, QUERY_VERSION, header, b.flip());
  }

  /** Reads a query file written by {@link #writeQueries} (checksum, kind and version checked). */
  static QuerySet readQueries(Path file) throws IOException {
    Artifact a = ArtifactFile.read(file, QUERY_KIND, QUERY_VERSION);
    ByteBuffer b = a.payload().order(ByteOrder.LITTLE_ENDIAN);
    int n = b.getInt();
    int d = b.getInt();
    int k = b.getInt();
    float[][] queries = new float[n][d];
    for (float[] row : queries) {
      for (int j = 0; j < d; j++) {
        row[j] = b.getFloat();
      }
    }
    int[][] truth = new int[n][k];
    for (int[] row : truth) {
      for (int j = 0; j < k; j++) {
        row[j] = b.getInt();
      }
    }
    String dataset = JSON.readTree(a.header()).path("dataset").asText("?");
    return new QuerySet(dataset, queries, truth, k);
  }
}
