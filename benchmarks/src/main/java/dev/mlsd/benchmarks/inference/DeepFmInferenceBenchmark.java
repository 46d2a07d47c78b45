package dev.mlsd.benchmarks.inference;

import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Kernels;
import dev.mlsd.core.inference.Pooling;
import dev.mlsd.core.inference.Scratch;
import dev.mlsd.core.inference.dl4j.Dl4jWeights;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * The ad-ctr DeepFM shape (its default hyper-parameters): 39 fields from one hashed table of 2^17
 * rows; the first-order term (a width-1 embedding, summed), the FM second-order term over the k = 8
 * field embeddings (NCW layout), and a deep part 312 -> 64 -> 32 (ReLU) -> 1, summed into a
 * sigmoid. The DL4J side is the same model as a SameDiff graph ({@code SameDiff.outputSingle}).
 * About 22,100 multiply-adds per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-modules=jdk.incubator.vector",
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow"
    })
public class DeepFmInferenceBenchmark {
  static final int FIELDS = 39;
  static final int K = 8;
  static final int VOCAB = 1 << 17;
  static final int D = FIELDS * K;

  /** Candidates scored per request. */
  @Param({"1", "64", "500"})
  public int batch;

  private SameDiff sd;
  private String outName;
  private Map<String, INDArray> dl4jInput;
  private int[] ids;
  private float[] out;
  private InferenceGraph simd;
  private InferenceGraph scalar;
  private Scratch simdScratch;
  private Scratch scalarScratch;

  private static INDArray randn(long seed, long... shape) {
    return Nd4j.randn(seed, shape).castTo(DataType.FLOAT).mul(0.1);
  }

  @Setup
  public void setUp() {
    sd = SameDiff.create();
    SDVariable id = sd.placeHolder("ids", DataType.INT, -1, FIELDS);
    SDVariable lin = sd.gather(sd.var("w1st", randn(1, VOCAB, 1)), id, 0).reshape(-1, FIELDS);
    SDVariable linear = lin.sum(true, 1);
    SDVariable e = sd.gather(sd.var("emb", randn(2, VOCAB, K)), id, 0); // [b, fields, k]
    SDVariable s = e.sum(1);
    SDVariable fm = s.mul(s).sub(e.mul(e).sum(1)).sum(true, 1).mul(0.5);
    SDVariable x0 = e.permute(0, 2, 1).reshape(-1, D); // NCW: [b, k, fields] flattened
    SDVariable h1 =
        sd.nn().relu(x0.mmul(sd.var("w1", randn(6, D, 64))).add(sd.var("b1", randn(7, 1, 64))), 0);
    SDVariable h2 =
        sd.nn().relu(h1.mmul(sd.var("w2", randn(8, 64, 32))).add(sd.var("b2", randn(9, 1, 32))), 0);
    SDVariable deep = h2.mmul(sd.var("wo", randn(10, 32, 1))).add(sd.var("bo", randn(11, 1, 1)));
    SDVariable p = sd.nn().sigmoid(linear.add(fm).add(deep));
    outName = p.name();

    SplittableRandom rnd = new SplittableRandom(12);
    ids = new int[batch * FIELDS];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rnd.nextInt(VOCAB);
    }
    dl4jInput = new HashMap<>();
    dl4jInput.put("ids", Nd4j.createFromArray(ids).reshape(batch, FIELDS));
    out = new float[batch];

    InferenceGraph.Builder b = InferenceGraph.builder(0, FIELDS).kernels(Kernels.simd());
    int lin1 = b.embedding(0, FIELDS, v("w1st"), 1, Pooling.SUM);
    int e0 = b.embedding(0, FIELDS, v("emb"), K, Pooling.CONCAT_NCW);
    int fm2 = b.fmSecondOrder(e0, FIELDS, Pooling.CONCAT_NCW);
    int d1 = b.dense(e0, v("w1"), v("b1"), Activation.RELU);
    int d2 = b.dense(d1, v("w2"), v("b2"), Activation.RELU);
    int d3 = b.dense(d2, v("wo"), v("bo"), Activation.IDENTITY);
    b.activation(b.add(lin1, fm2, d3), Activation.SIGMOID);
    simd = b.build();
    scalar = simd.withKernels(Kernels.scalar());
    simdScratch = simd.newScratch(512);
    scalarScratch = scalar.newScratch(512);
    float[] ref = Dl4jWeights.floats(dl4jOutput());
    Check.sameWithin(1e-5, ref, simd(), "simd vs DL4J");
    Check.sameWithin(1e-5, ref, scalar(), "scalar vs DL4J");
  }

  private float[] v(String name) {
    return Dl4jWeights.variable(sd, name);
  }

  @Benchmark
  public INDArray dl4jOutput() {
    return sd.outputSingle(dl4jInput, outName);
  }

  @Benchmark
  public float[] scalar() {
    scalar.score(null, ids, batch, out, scalarScratch);
    return out;
  }

  @Benchmark
  public float[] simd() {
    simd.score(null, ids, batch, out, simdScratch);
    return out;
  }
}
