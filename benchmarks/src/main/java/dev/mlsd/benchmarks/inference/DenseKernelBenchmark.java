package dev.mlsd.benchmarks.inference;

import dev.mlsd.core.inference.Kernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One dense layer's product {@code y = x W + b} for a batch of 500 rows, scalar against SIMD: the
 * figure to hold against one core's FP32 peak. FLOP per call: {@code 2 * 500 * in * out}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class DenseKernelBenchmark {
  /** Rows per call. */
  @Param({"500"})
  public int batch;

  /** Input and output width (square layer). */
  @Param({"128", "512"})
  public int width;

  private float[] x;
  private float[] w;
  private float[] b;
  private float[] y;

  @Setup
  public void setUp() {
    SplittableRandom rnd = new SplittableRandom(5);
    x = new float[batch * width];
    w = new float[width * width];
    b = new float[width];
    y = new float[batch * width];
    for (float[] a : new float[][] {x, w, b}) {
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) (rnd.nextDouble() - 0.5);
      }
    }
    float[] ref = new float[batch * width];
    Kernels.scalar().dense(x, 0, batch, width, w, b, width, ref, 0);
    Check.sameWithin(0, ref, simd(), "simd vs scalar");
  }

  @Benchmark
  public float[] scalar() {
    Kernels.scalar().dense(x, 0, batch, width, w, b, width, y, 0);
    return y;
  }

  @Benchmark
  public float[] simd() {
    Kernels.simd().dense(x, 0, batch, width, w, b, width, y, 0);
    return y;
  }
}
