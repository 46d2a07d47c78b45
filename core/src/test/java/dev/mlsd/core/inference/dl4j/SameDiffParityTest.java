package dev.mlsd.core.inference.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Kernels;
import dev.mlsd.core.inference.Pooling;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layers DL4J has no built-in for (DCN cross, DCN-V2 cross, FM second order, the dot head) and
 * three full models (DCN, DeepFM, two-tower), each written as a SameDiff graph of ND4J ops, which
 * is how a module would train them, and compared with the exported inference graph.
 */
class SameDiffParityTest {
  private static final int ROWS = 29;

  private static INDArray randn(long seed, long... shape) {
    return Nd4j.randn(seed, shape).castTo(DataType.FLOAT).mul(0.5);
  }

  private static INDArray ids(long seed, int rows, int cols, int vocab) {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    int[] v = new int[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextInt(vocab);
    }
    return Nd4j.createFromArray(v).reshape(rows, cols);
  }

  private static int[] intsOf(INDArray a) {
    return a.dup('c').data().asInt();
  }

  /** Scores with both kernel sets, records and checks the difference from the SameDiff output. */
  private static void check(String name, INDArray ref, InferenceGraph g, float[] x, int[] ids) {
    for (Kernels k : new Kernels[] {Kernels.simd(), Kernels.scalar()}) {
      InferenceGraph gk = g.withKernels(k);
      float[] out = new float[ROWS * g.outputWidth()];
      gk.score(x, ids, ROWS, out, gk.newScratch(8));
      String label = k == Kernels.scalar() ? name + " (scalar)" : name;
      double diff = ParityLog.record(label, ref, out);
      assertTrue(diff <= ParityLog.TOLERANCE, label + ": max abs diff " + diff);
    }
  }

  private static INDArray run(SameDiff sd, SDVariable out, Map<String, INDArray> in) {
    return sd.outputSingle(in, out.name());
  }

  @Test
  void dcnCrossLayersMatchSameDiff() {
    int d = 19;
    SameDiff sd = SameDiff.create();
    SDVariable x0 = sd.placeHolder("x0", DataType.FLOAT, -1, d);
    SDVariable w1 = sd.var("w1", randn(1, d, 1));
    SDVariable b1 = sd.var("b1", randn(2, 1, d));
    SDVariable w2 = sd.var("w2", randn(3, d, 1));
    SDVariable b2 = sd.var("b2", randn(4, 1, d));
    // x_{l+1} = x0 * (x_l w) + b + x_l, two layers deep so that x_l != x0 in the second
    SDVariable x1 = x0.mul(x0.mmul(w1)).add(b1).add(x0);
    SDVariable x2 = x0.mul(x1.mmul(w2)).add(b2).add(x1);
    INDArray x = randn(5, ROWS, d);
    INDArray ref = run(sd, x2, Map.of("x0", x));

    InferenceGraph.Builder b = InferenceGraph.builder(d, 0);
    int c1 =
        b.cross(
            b.input(), b.input(), Dl4jWeights.variable(sd, "w1"), Dl4jWeights.variable(sd, "b1"));
    b.cross(b.input(), c1, Dl4jWeights.variable(sd, "w2"), Dl4jWeights.variable(sd, "b2"));
    check("DCN cross x2", ref, b.build(), Dl4jWeights.floats(x), null);
  }

  @Test
  void dcnV2CrossLayersMatchSameDiff() {
    int d = 21;
    SameDiff sd = SameDiff.create();
    SDVariable x0 = sd.placeHolder("x0", DataType.FLOAT, -1, d);
    SDVariable w1 = sd.var("w1", randn(1, d, d));
    SDVariable b1 = sd.var("b1", randn(2, 1, d));
    SDVariable w2 = sd.var("w2", randn(3, d, d));
    SDVariable b2 = sd.var("b2", randn(4, 1, d));
    SDVariable x1 = x0.mul(x0.mmul(w1).add(b1)).add(x0);
    SDVariable x2 = x0.mul(x1.mmul(w2).add(b2)).add(x1);
    INDArray x = randn(5, ROWS, d);
    INDArray ref = run(sd, x2, Map.of("x0", x));

    InferenceGraph.Builder b = InferenceGraph.builder(d, 0);
    int c1 =
        b.crossV2(
            b.input(), b.input(), Dl4jWeights.variable(sd, "w1"), Dl4jWeights.variable(sd, "b1"));
    b.crossV2(b.input(), c1, Dl4jWeights.variable(sd, "w2"), Dl4jWeights.variable(sd, "b2"));
    check("DCN-V2 cross x2", ref, b.build(), Dl4jWeights.floats(x), null);
  }

  @Test
  void fmSecondOrderMatchesSameDiff() {
    int n = 7;
    int k = 6;
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, n * k);
    SDVariable v = x.reshape(-1, n, k);
    SDVariable sum = v.sum(1);
    SDVariable sumSq = v.mul(v).sum(1);
    SDVariable fm = sum.mul(sum).sub(sumSq).sum(true, 1).mul(0.5);
    INDArray in = randn(6, ROWS, n * k);
    INDArray ref = run(sd, fm, Map.of("x", in));

    InferenceGraph.Builder b = InferenceGraph.builder(n * k, 0);
    b.fmSecondOrder(b.input(), n);
    check("FM second order", ref, b.build(), Dl4jWeights.floats(in), null);
  }

  @Test
  void fmSecondOrderOverNcwLayoutMatchesSameDiff() {
    int n = 5;
    int k = 8;
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, n * k);
    SDVariable v = x.reshape(-1, k, n);
    SDVariable sum = v.sum(2);
    SDVariable fm = sum.mul(sum).sub(v.mul(v).sum(2)).sum(true, 1).mul(0.5);
    INDArray in = randn(16, ROWS, n * k);
    InferenceGraph.Builder b = InferenceGraph.builder(n * k, 0);
    b.fmSecondOrder(b.input(), n, Pooling.CONCAT_NCW);
    check(
        "FM second order (NCW layout)",
        run(sd, fm, Map.of("x", in)),
        b.build(),
        Dl4jWeights.floats(in),
        null);
  }

  @Test
  void dotHeadWithSigmoidMatchesSameDiff() {
    int in = 11;
    int d = 16;
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, in);
    SDVariable u =
        sd.nn().relu(x.mmul(sd.var("wu", randn(1, in, d))).add(sd.var("bu", randn(2, 1, d))), 0);
    SDVariable c =
        sd.math().tanh(x.mmul(sd.var("wv", randn(3, in, d))).add(sd.var("bv", randn(4, 1, d))));
    SDVariable dot = u.mul(c).sum(true, 1);
    SDVariable p = sd.nn().sigmoid(dot);
    INDArray xs = randn(5, ROWS, in);
    InferenceGraph.Builder b = InferenceGraph.builder(in, 0);
    int tu =
        b.dense(
            b.input(),
            Dl4jWeights.variable(sd, "wu"),
            Dl4jWeights.variable(sd, "bu"),
            Activation.RELU);
    int tv =
        b.dense(
            b.input(),
            Dl4jWeights.variable(sd, "wv"),
            Dl4jWeights.variable(sd, "bv"),
            Activation.TANH);
    int dotNode = b.dot(tu, tv);
    InferenceGraph logits = b.build();
    b.activation(dotNode, Activation.SIGMOID);
    check("dot head", run(sd, dot, Map.of("x", xs)), logits, Dl4jWeights.floats(xs), null);
    check(
        "dot head + sigmoid head",
        run(sd, p, Map.of("x", xs)),
        b.build(),
        Dl4jWeights.floats(xs),
        null);
  }

  @Test
  void softmaxHeadMatchesSameDiff() {
    int in = 9;
    int classes = 5;
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, in);
    SDVariable logits =
        x.mmul(sd.var("w", randn(1, in, classes))).add(sd.var("b", randn(2, 1, classes)));
    SDVariable p = sd.nn().softmax(logits, 1);
    INDArray xs = randn(3, ROWS, in).mul(4);
    InferenceGraph.Builder b = InferenceGraph.builder(in, 0);
    int l =
        b.dense(
            b.input(),
            Dl4jWeights.variable(sd, "w"),
            Dl4jWeights.variable(sd, "b"),
            Activation.IDENTITY);
    b.activation(l, Activation.SOFTMAX);
    check("softmax head", run(sd, p, Map.of("x", xs)), b.build(), Dl4jWeights.floats(xs), null);
  }

  /**
   * DCN as the ad-ctr chapter draws it: F categorical fields embedded (one shared hashed table),
   * concatenated with the dense features into x0; a cross stack and a deep stack side by side;
   * their outputs concatenated into a sigmoid head.
   */
  @Test
  void fullDcnModelMatchesSameDiff() {
    int dense = 13;
    int fields = 6;
    int vocab = 100;
    int k = 8;
    int d = dense + fields * k;
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, dense);
    SDVariable id = sd.placeHolder("ids", DataType.INT, -1, fields);
    SDVariable table = sd.var("emb", randn(1, vocab, k));
    SDVariable e = sd.gather(table, id, 0).reshape(-1, fields * k);
    SDVariable x0 = sd.concat(1, x, e);
    SDVariable x1 =
        x0.mul(x0.mmul(sd.var("cw1", randn(2, d, 1)))).add(sd.var("cb1", randn(3, 1, d))).add(x0);
    SDVariable x2 =
        x0.mul(x1.mmul(sd.var("cw2", randn(4, d, 1)))).add(sd.var("cb2", randn(5, 1, d))).add(x1);
    SDVariable h1 =
        sd.nn().relu(x0.mmul(sd.var("w1", randn(6, d, 32))).add(sd.var("b1", randn(7, 1, 32))), 0);
    SDVariable h2 =
        sd.nn().relu(h1.mmul(sd.var("w2", randn(8, 32, 16))).add(sd.var("b2", randn(9, 1, 16))), 0);
    SDVariable j = sd.concat(1, x2, h2);
    SDVariable p =
        sd.nn()
            .sigmoid(j.mmul(sd.var("wo", randn(10, d + 16, 1))).add(sd.var("bo", randn(11, 1, 1))));
    INDArray xs = randn(12, ROWS, dense);
    INDArray is = ids(13, ROWS, fields, vocab);
    Map<String, INDArray> in = new HashMap<>();
    in.put("x", xs);
    in.put("ids", is);
    INDArray ref = run(sd, p, in);

    InferenceGraph.Builder b = InferenceGraph.builder(dense, fields);
    int emb = b.embedding(0, fields, Dl4jWeights.variable(sd, "emb"), k, Pooling.CONCAT);
    int n0 = b.concat(b.input(), emb);
    int n1 = b.cross(n0, n0, Dl4jWeights.variable(sd, "cw1"), Dl4jWeights.variable(sd, "cb1"));
    int n2 = b.cross(n0, n1, Dl4jWeights.variable(sd, "cw2"), Dl4jWeights.variable(sd, "cb2"));
    int d1 =
        b.dense(
            n0, Dl4jWeights.variable(sd, "w1"), Dl4jWeights.variable(sd, "b1"), Activation.RELU);
    int d2 =
        b.dense(
            d1, Dl4jWeights.variable(sd, "w2"), Dl4jWeights.variable(sd, "b2"), Activation.RELU);
    int jn = b.concat(n2, d2);
    b.dense(jn, Dl4jWeights.variable(sd, "wo"), Dl4jWeights.variable(sd, "bo"), Activation.SIGMOID);
    check("full model: DCN", ref, b.build(), Dl4jWeights.floats(xs), intsOf(is));
  }

  /**
   * DeepFM: first-order weights (an embedding of width 1, summed), the FM term, and a deep part.
   */
  @Test
  void fullDeepFmModelMatchesSameDiff() {
    int fields = 5;
    int vocab = 60;
    int k = 4;
    SameDiff sd = SameDiff.create();
    SDVariable id = sd.placeHolder("ids", DataType.INT, -1, fields);
    SDVariable lin =
        sd.gather(sd.var("w1st", randn(1, vocab, 1)), id, 0).reshape(-1, fields).sum(true, 1);
    SDVariable v = sd.gather(sd.var("v", randn(2, vocab, k)), id, 0);
    SDVariable s = v.sum(1);
    SDVariable fm = s.mul(s).sub(v.mul(v).sum(1)).sum(true, 1).mul(0.5);
    SDVariable flat = v.reshape(-1, fields * k);
    SDVariable h =
        sd.nn()
            .relu(
                flat.mmul(sd.var("w", randn(3, fields * k, 12))).add(sd.var("b", randn(4, 1, 12))),
                0);
    SDVariable deep = h.mmul(sd.var("wo", randn(5, 12, 1))).add(sd.var("bo", randn(6, 1, 1)));
    SDVariable p = sd.nn().sigmoid(lin.add(fm).add(deep));
    INDArray is = ids(7, ROWS, fields, vocab);
    INDArray ref = run(sd, p, Map.of("ids", is));

    InferenceGraph.Builder b = InferenceGraph.builder(0, fields);
    int linear = b.embedding(0, fields, Dl4jWeights.variable(sd, "w1st"), 1, Pooling.SUM);
    int emb = b.embedding(0, fields, Dl4jWeights.variable(sd, "v"), k, Pooling.CONCAT);
    int f = b.fmSecondOrder(emb, fields);
    int hn =
        b.dense(emb, Dl4jWeights.variable(sd, "w"), Dl4jWeights.variable(sd, "b"), Activation.RELU);
    int dn =
        b.dense(
            hn,
            Dl4jWeights.variable(sd, "wo"),
            Dl4jWeights.variable(sd, "bo"),
            Activation.IDENTITY);
    b.activation(b.add(linear, f, dn), Activation.SIGMOID);
    check("full model: DeepFM", ref, b.build(), null, intsOf(is));
  }

  /**
   * A two-tower model: the user tower reads dense user features and a user-id embedding, the item
   * tower a mean-pooled bag of item tags; the head is their dot product.
   */
  @Test
  void fullTwoTowerModelMatchesSameDiff() {
    int userFeatures = 10;
    int bag = 4;
    int d = 16;
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, userFeatures);
    SDVariable uid = sd.placeHolder("uid", DataType.INT, -1, 1);
    SDVariable tags = sd.placeHolder("tags", DataType.INT, -1, bag);
    SDVariable ue = sd.gather(sd.var("users", randn(1, 50, 8)), uid, 0).reshape(-1, 8);
    SDVariable u0 = sd.concat(1, x, ue);
    SDVariable u =
        sd.math()
            .tanh(
                u0.mmul(sd.var("wu", randn(2, userFeatures + 8, d)))
                    .add(sd.var("bu", randn(3, 1, d))));
    SDVariable te = sd.gather(sd.var("tagEmb", randn(4, 30, 12)), tags, 0).mean(1);
    SDVariable t =
        sd.nn().relu(te.mmul(sd.var("wt", randn(5, 12, d))).add(sd.var("bt", randn(6, 1, d))), 0);
    SDVariable score = u.mul(t).sum(true, 1);
    INDArray xs = randn(7, ROWS, userFeatures);
    INDArray us = ids(8, ROWS, 1, 50);
    INDArray ts = ids(9, ROWS, bag, 30);
    Map<String, INDArray> in = new HashMap<>();
    in.put("x", xs);
    in.put("uid", us);
    in.put("tags", ts);
    INDArray ref = run(sd, score, in);

    int[] idRows = new int[ROWS * (1 + bag)];
    int[] u1 = intsOf(us);
    int[] t1 = intsOf(ts);
    for (int r = 0; r < ROWS; r++) {
      idRows[r * (1 + bag)] = u1[r];
      System.arraycopy(t1, r * bag, idRows, r * (1 + bag) + 1, bag);
    }
    InferenceGraph.Builder b = InferenceGraph.builder(userFeatures, 1 + bag);
    int userEmb = b.embedding(0, 1, Dl4jWeights.variable(sd, "users"), 8, Pooling.SUM);
    int userIn = b.concat(b.input(), userEmb);
    int userTower =
        b.dense(
            userIn,
            Dl4jWeights.variable(sd, "wu"),
            Dl4jWeights.variable(sd, "bu"),
            Activation.TANH);
    int tagBag = b.embedding(1, bag, Dl4jWeights.variable(sd, "tagEmb"), 12, Pooling.MEAN);
    int itemTower =
        b.dense(
            tagBag,
            Dl4jWeights.variable(sd, "wt"),
            Dl4jWeights.variable(sd, "bt"),
            Activation.RELU);
    b.dot(userTower, itemTower);
    check("full model: two-tower", ref, b.build(), Dl4jWeights.floats(xs), idRows);
  }
}
