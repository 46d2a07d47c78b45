package dev.mlsd.benchmarks.ann;

import dev.mlsd.core.ann.HnswBuildParams;
import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.Similarity;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.retrieval.AnnCandidateGenerator;
import dev.mlsd.core.serving.retrieval.QueryVector;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One candidate-generation step as the serving pipelines run it ({@link AnnCandidateGenerator}): an
 * HNSW search for the best {@code n} of {@code max(n, ef)} results, with an already-seen filter,
 * drained best first into a {@link Candidates} list. Its point is the allocation: run with {@code
 * -prof gc}, {@code gc.alloc.rate.norm} is the bytes one warm request allocates (the goal is 0),
 * and with {@code -t 2} two threads search the one index at once (the read lock's cost shows
 * there).
 *
 * <p>Data: Fashion-MNIST PCA-64 (60,000 vectors, L2; see {@link AnnData}); the filter hides every
 * twentieth id.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class AnnCandidateBenchmark {
  /** Candidates per request. */
  @Param({"100"})
  public int n;

  /** The beam width; the generator collects max(n, ef) results. */
  @Param({"150"})
  public int ef;

  private AnnCandidateGenerator<float[]> generator;
  float[][] queries;

  /** Each thread's request state: its candidate list and its place in the query cycle. */
  @State(Scope.Thread)
  public static class Request {
    final Candidates candidates = new Candidates(1024, 1);
    int next;
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    AnnData data = AnnData.load("fmnist-pca64", 0, 1000);
    float[][] base = data.base();
    HnswIndex index =
        new HnswIndex(base[0].length, Similarity.EUCLIDEAN, HnswBuildParams.DEFAULT, base.length);
    index.addAll(base, 1);
    queries = data.measure();
    IntPredicate notSeen = id -> id % 20 != 0;
    generator =
        new AnnCandidateGenerator<>(
            index,
            n,
            new SearchParams(ef),
            new QueryVector<>() {
              @Override
              public float[] vector(float[] q) {
                return q;
              }

              @Override
              public IntPredicate filter(float[] q) {
                return notSeen;
              }
            });
  }

  @Benchmark
  public int generate(Request r) {
    float[] q = queries[r.next];
    r.next = r.next + 1 == queries.length ? 0 : r.next + 1;
    r.candidates.reset();
    generator.generate(q, r.candidates);
    return r.candidates.size();
  }
}
