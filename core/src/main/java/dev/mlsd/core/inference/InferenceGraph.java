package dev.mlsd.core.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained model ready to score: a list of layers in run order over two inputs, a row of {@code
 * inputWidth} floats (dense features, node 0) and a row of {@code idWidth} ints (categorical ids,
 * read by embedding layers). The last layer's output is the score. Built with {@link #builder(int,
 * int)}, saved and loaded with {@link InferenceGraphFile}.
 *
 * <p>Scoring N candidates runs every layer over the whole batch at once, so dense layers are
 * matrix-matrix products; with a {@link Scratch} made once per thread it allocates nothing.
 *
 * <p>Thread safety: immutable; share one instance across threads, each with its own scratch.
 *
 * <p>Book: chapter 1 (online prediction under a latency budget); chapter 8 (ranking N candidate ads
 * per request).
 */
public final class InferenceGraph {
  /**
   * The widest node a graph may have, in floats per row (4 Mi: a 224 x 224 x 64 feature map fits).
   * Every width and shape is checked against it before anything is allocated, so a crafted model
   * file cannot ask for gigabytes of scratch.
   */
  public static final int MAX_WIDTH = 1 << 22;

  /** The most temporary floats per row one layer may need (a conv2d's patch matrix): 16 Mi. */
  public static final long MAX_SCRATCH_FLOATS = 1L << 24;

  private final int inputWidth;
  private final int idWidth;
  private final Layer[] layers;
  private final int[] widths;
  private final Kernels kernels;

  private InferenceGraph(
      int inputWidth, int idWidth, Layer[] layers, int[] widths, Kernels kernels) {
    this.inputWidth = inputWidth;
    this.idWidth = idWidth;
    this.layers = layers;
    this.widths = widths;
    this.kernels = kernels;
  }

  /**
   * Starts a graph.
   *
   * @param inputWidth floats per row of the dense input (node 0); 0 if the model reads only ids
   * @param idWidth ints per row of the id input; 0 if the model has no embeddings
   */
  public static Builder builder(int inputWidth, int idWidth) {
    return new Builder(inputWidth, idWidth);
  }

  /**
   * Scores a batch of rows that has only dense features.
   *
   * @see #score(float[], int[], int, float[], Scratch)
   */
  public void score(float[] input, int rows, float[] out, Scratch scratch) {
    score(input, null, rows, out, scratch);
  }

  /**
   * Scores a batch: {@code out[r * outputWidth() + j]} is output {@code j} of row {@code r}.
   *
   * @param input dense features, row-major, {@code rows * inputWidth()} values (may be null when
   *     the width is 0)
   * @param ids categorical ids, row-major, {@code rows * idWidth()} values (may be null when the
   *     width is 0); a negative id is padding
   * @param rows number of rows (candidates), 0 or more
   * @param out receives {@code rows * outputWidth()} scores
   * @param scratch this thread's scratch, from {@link #newScratch(int)} of this graph
   * @throws IllegalArgumentException if an array is too short, the scratch belongs to another
   *     graph, or an id is outside its embedding's vocabulary
   */
  public void score(float[] input, int[] ids, int rows, float[] out, Scratch scratch) {
    if (scratch.layout != layers) {
      throw new IllegalArgumentException("scratch was made by another graph");
    }
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, got " + rows);
    }
    int outWidth = outputWidth();
    checkLength("input", input == null ? 0 : input.length, (long) rows * inputWidth);
    checkLength("ids", ids == null ? 0 : ids.length, (long) rows * idWidth);
    checkLength("out", out.length, (long) rows * outWidth);
    int last = widths.length - 1;
    Scratch s = scratch;
    s.ids = ids;
    s.idWidth = idWidth;
    s.buf[0] = input;
    s.buf[last] = out;
    try {
      for (int start = 0; start < rows; start += s.capacity) {
        int n = Math.min(s.capacity, rows - start);
        s.off[0] = start * inputWidth;
        s.idOff = start * idWidth;
        s.off[last] = start * outWidth;
        for (int i = 0; i < layers.length; i++) {
          layers[i].forward(s, i + 1, n, kernels);
        }
      }
    } finally {
      // never keep the caller's arrays reachable from a long-lived scratch
      s.buf[0] = null;
      s.buf[last] = null;
      s.ids = null;
    }
  }

  /** A scratch for one thread that scores up to {@code capacity} rows per pass. */
  public Scratch newScratch(int capacity) {
    return new Scratch(layers, widths, capacity);
  }

  /** The same model computed with other kernels (the scalar twin, for tests and benchmarks). */
  public InferenceGraph withKernels(Kernels k) {
    return new InferenceGraph(inputWidth, idWidth, layers, widths, k);
  }

  /** The kernels this graph computes with. */
  public Kernels kernels() {
    return kernels;
  }

  /** Floats per row of the dense input. */
  public int inputWidth() {
    return inputWidth;
  }

  /** Ints per row of the id input. */
  public int idWidth() {
    return idWidth;
  }

  /** Scores per row. */
  public int outputWidth() {
    return widths[widths.length - 1];
  }

  /** Floating-point operations per scored row (two per multiply-add), for throughput reports. */
  public long flopsPerRow() {
    long f = 0;
    for (Layer l : layers) {
      f += l.flopsPerRow();
    }
    return f;
  }

  /** A one-line-per-layer description, for demos and logs. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("input: ").append(inputWidth).append(" floats, ").append(idWidth).append(" ids\n");
    for (int i = 0; i < layers.length; i++) {
      sb.append(i + 1)
          .append(": ")
          .append(layers[i].getClass().getSimpleName())
          .append(" <- ")
          .append(Arrays.toString(layers[i].inputs()))
          .append(", width ")
          .append(widths[i + 1])
          .append('\n');
    }
    return sb.toString();
  }

  List<Layer> layers() {
    return List.of(layers);
  }

  static void requireLength(String what, float[] a, long expected) {
    if (a == null || a.length != expected) {
      throw new IllegalArgumentException(
          what
              + " must have "
              + expected
              + " values, got "
              + (a == null ? "null" : String.valueOf(a.length)));
    }
  }

  private static void checkLength(String what, int actual, long needed) {
    if (actual < needed) {
      throw new IllegalArgumentException(
          what + " holds " + actual + " values, the batch needs " + needed);
    }
  }

  /**
   * Assembles a graph layer by layer, in run order. Every method returns the new node's index, to
   * be passed to later layers; node 0 ({@link #input()}) is the dense input. The weight arrays are
   * kept, not copied: do not change them afterwards.
   *
   * <p>Thread safety: not thread-safe; build on one thread.
   */
  public static final class Builder {
    private final int inputWidth;
    private final int idWidth;
    private final List<Layer> layers = new ArrayList<>();
    private final List<Integer> widths = new ArrayList<>();
    private Kernels kernels = Kernels.best();

    private Builder(int inputWidth, int idWidth) {
      if (inputWidth < 0
          || idWidth < 0
          || inputWidth + idWidth == 0
          || inputWidth > MAX_WIDTH
          || idWidth > MAX_WIDTH) {
        throw new IllegalArgumentException(
            "need a non-negative input and id width, not both 0; got "
                + inputWidth
                + " and "
                + idWidth);
      }
      this.inputWidth = inputWidth;
      this.idWidth = idWidth;
      widths.add(inputWidth);
    }

    /** The dense input node, 0. */
    public int input() {
      return 0;
    }

    /** The width of a node added so far. */
    public int width(int node) {
      checkNode(node);
      return widths.get(node);
    }

    /** The kernels the built graph uses; {@link Kernels#best()} by default. */
    public Builder kernels(Kernels k) {
      this.kernels = k;
      return this;
    }

    /**
     * A dense layer {@code f(x W + b)}.
     *
     * @param from the node read; its width is the layer's {@code nIn}
     * @param w {@code [nIn, nOut]} row-major
     * @param b {@code nOut} values
     */
    public int dense(int from, float[] w, float[] b, Activation act) {
      return dense(from, w, b, act, Activation.DEFAULT_LEAKY_ALPHA);
    }

    /** A dense layer with an explicit leaky-ReLU slope. */
    public int dense(int from, float[] w, float[] b, Activation act, float alpha) {
      checkNode(from);
      if (b == null) {
        throw new IllegalArgumentException("dense bias is null");
      }
      return add(new Dense(from, widths.get(from), b.length, w, b, act, alpha));
    }

    /**
     * An embedding lookup over id columns {@code [idColumn, idColumn + bagSize)}.
     *
     * @param table {@code [vocab, dim]} row-major
     * @param dim the embedding width
     * @param pooling {@link Pooling#CONCAT} (or {@link Pooling#CONCAT_NCW}) for one vector per
     *     column, SUM or MEAN for a bag
     */
    public int embedding(int idColumn, int bagSize, float[] table, int dim, Pooling pooling) {
      if (idColumn < 0 || bagSize < 1 || idColumn + bagSize > idWidth) {
        throw new IllegalArgumentException(
            "id columns ["
                + idColumn
                + ", "
                + (idColumn + bagSize)
                + ") are outside the id input of width "
                + idWidth);
      }
      if (dim < 1 || table == null || table.length % dim != 0) {
        throw new IllegalArgumentException("embedding table length must be a multiple of dim");
      }
      return add(new EmbeddingBag(idColumn, bagSize, table.length / dim, dim, table, pooling));
    }

    /** The rows of {@code from} side by side. */
    public int concat(int... from) {
      if (from.length == 0) {
        throw new IllegalArgumentException("concat needs at least one input");
      }
      int[] w = new int[from.length];
      for (int i = 0; i < from.length; i++) {
        checkNode(from[i]);
        w[i] = widths.get(from[i]);
      }
      return add(new Concat(from.clone(), w));
    }

    /** The element-wise sum of nodes of equal width. */
    public int add(int... from) {
      if (from.length == 0) {
        throw new IllegalArgumentException("add needs at least one input");
      }
      int w = sameWidth("add", from);
      return add(new Add(from.clone(), w));
    }

    /** A DCN cross layer {@code x0 * (w . xl) + b + xl}; {@code w} and {@code b} have d values. */
    public int cross(int x0, int xl, float[] w, float[] b) {
      return add(new Cross(x0, xl, sameWidth("cross", x0, xl), w, b));
    }

    /** A DCN-V2 cross layer {@code x0 ⊙ (xl w + b) + xl}; {@code w} is {@code [d, d]}. */
    public int crossV2(int x0, int xl, float[] w, float[] b) {
      return add(new CrossV2(x0, xl, sameWidth("cross-v2", x0, xl), w, b));
    }

    /** The FM second-order term over a node holding {@code fields} embeddings side by side. */
    public int fmSecondOrder(int from, int fields) {
      return fmSecondOrder(from, fields, Pooling.CONCAT);
    }

    /**
     * The FM second-order term over a node holding {@code fields} embeddings laid out as an
     * embedding layer with {@code layout} ({@link Pooling#CONCAT} or {@link Pooling#CONCAT_NCW})
     * writes them.
     */
    public int fmSecondOrder(int from, int fields, Pooling layout) {
      if (layout != Pooling.CONCAT && layout != Pooling.CONCAT_NCW) {
        throw new IllegalArgumentException("FM layout must be CONCAT or CONCAT_NCW, got " + layout);
      }
      checkNode(from);
      int w = widths.get(from);
      if (fields < 1 || w % fields != 0) {
        throw new IllegalArgumentException(
            "FM input width " + w + " is not a multiple of " + fields + " fields");
      }
      return add(new FmSecondOrder(from, fields, w / fields, layout == Pooling.CONCAT_NCW));
    }

    /** The two-tower dot product of two nodes of equal width. */
    public int dot(int a, int b) {
      return add(new DotHead(a, b, sameWidth("dot", a, b)));
    }

    /** A standalone activation, e.g. the sigmoid or softmax head. */
    public int activation(int from, Activation act) {
      checkNode(from);
      return add(new ActivationHead(from, widths.get(from), act, Activation.DEFAULT_LEAKY_ALPHA));
    }

    /**
     * A 2-D convolution over a node holding {@code h x w x cin} images channels-last (NHWC).
     *
     * @param kernel {@code [kh * kw * cin, cout]} row-major, row {@code (ky * kw + kx) * cin + ci}
     * @param b {@code cout} values
     */
    public int conv2d(
        int from,
        int h,
        int w,
        int cin,
        int kh,
        int kw,
        int stride,
        int pad,
        float[] kernel,
        float[] b,
        Activation act) {
      checkNode(from);
      requireImage(from, h, w, cin);
      if (b == null) {
        throw new IllegalArgumentException("conv2d bias is null");
      }
      return add(new Conv2d(from, h, w, cin, b.length, kh, kw, stride, pad, kernel, b, act));
    }

    /** Max pooling over {@code size x size} windows of a channels-last image node. */
    public int maxPool2d(int from, int h, int w, int c, int size, int stride) {
      checkNode(from);
      requireImage(from, h, w, c);
      return add(new Pool2d(from, h, w, c, size, stride, false));
    }

    /** Global average pooling of a channels-last image node: {@code c} values per image. */
    public int globalAvgPool(int from, int h, int w, int c) {
      checkNode(from);
      requireImage(from, h, w, c);
      return add(new Pool2d(from, h, w, c, 1, 1, true));
    }

    private void requireImage(int node, int h, int w, int c) {
      if ((long) h * w * c != widths.get(node)) {
        throw new IllegalArgumentException(
            "node "
                + node
                + " has width "
                + widths.get(node)
                + ", not an image of "
                + h
                + "x"
                + w
                + "x"
                + c);
      }
    }

    /** The graph; its output is the last node added. */
    public InferenceGraph build() {
      if (layers.isEmpty()) {
        throw new IllegalStateException("a graph needs at least one layer");
      }
      int[] w = widths.stream().mapToInt(Integer::intValue).toArray();
      return new InferenceGraph(inputWidth, idWidth, layers.toArray(new Layer[0]), w, kernels);
    }

    int add(Layer l) {
      for (int in : l.inputs()) {
        checkNode(in);
      }
      if (l.width() < 1 || l.width() > MAX_WIDTH) {
        throw new IllegalArgumentException(
            "layer width " + l.width() + " outside [1, " + MAX_WIDTH + "]");
      }
      if (l.tmpFloats(1) > MAX_SCRATCH_FLOATS) {
        throw new IllegalArgumentException(
            "layer needs "
                + l.tmpFloats(1)
                + " scratch floats per row, over "
                + MAX_SCRATCH_FLOATS);
      }
      layers.add(l);
      widths.add(l.width());
      return widths.size() - 1;
    }

    private int sameWidth(String what, int... nodes) {
      for (int n : nodes) {
        checkNode(n);
      }
      int w = widths.get(nodes[0]);
      for (int n : nodes) {
        if (widths.get(n) != w) {
          throw new IllegalArgumentException(
              what + " needs inputs of equal width, got " + widths.get(n) + " and " + w);
        }
      }
      return w;
    }

    private void checkNode(int node) {
      if (node < 0 || node >= widths.size()) {
        throw new IllegalArgumentException(
            "node " + node + " does not exist yet (nodes 0.." + (widths.size() - 1) + ")");
      }
    }
  }
}
