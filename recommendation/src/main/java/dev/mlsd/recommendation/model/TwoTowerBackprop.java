package dev.mlsd.recommendation.model;

/**
 * One batch through both towers and back: the forward pass from the rows' user features and videos
 * to the two embeddings {@code U} and {@code V}, and the backward pass from the loss's {@code
 * dL/dU} and {@code dL/dV} to the gradient of every weight block (accumulated into the caller's
 * arrays, in the order of {@link TwoTowerModel#weights()}). The video tower's input is the video's
 * content features followed by its row of the learned ID embedding, whose gradient is scattered
 * back to that row.
 *
 * <p>Thread safety: not thread-safe; owns the batch's activations (sized once for {@code capacity}
 * rows).
 */
final class TwoTowerBackprop {
  private final TwoTowerModel model;
  private final float[] videoTable;
  private final int du;
  private final int di;
  private final int vin;
  private final int h;
  private final int d;
  private final int e;

  /** The batch's user features, row-major {@code rows x userWidth}; filled by the caller. */
  final float[] userX;

  /** The batch's videos, one per row; filled by the caller. */
  final int[] items;

  /** User embeddings after {@link #forward}, {@code rows x d}. */
  final float[] u;

  /** Video embeddings after {@link #forward}, {@code rows x d}. */
  final float[] v;

  private final float[] videoX;
  private final float[] h1;
  private final float[] h3;
  private final float[] dh1;
  private final float[] dh3;

  /**
   * @param model the network (its live weights are read)
   * @param videoTable the video content features, row-major {@code items x videoWidth}
   * @param capacity the largest batch
   */
  TwoTowerBackprop(TwoTowerModel model, float[] videoTable, int capacity) {
    this.model = model;
    this.videoTable = videoTable;
    du = model.userWidth();
    di = model.videoWidth();
    e = model.idDimension();
    vin = di + e;
    h = model.hidden();
    d = model.dimension();
    userX = new float[capacity * du];
    items = new int[capacity];
    u = new float[capacity * d];
    v = new float[capacity * d];
    videoX = new float[capacity * vin];
    h1 = new float[capacity * h];
    h3 = new float[capacity * h];
    dh1 = new float[capacity * h];
    dh3 = new float[capacity * h];
  }

  /** Runs both towers over the first {@code b} rows. */
  void forward(int b) {
    float[][] w = model.weights();
    for (int r = 0; r < b; r++) {
      System.arraycopy(videoTable, items[r] * di, videoX, r * vin, di);
      System.arraycopy(w[4], items[r] * e, videoX, r * vin + di, e);
    }
    DenseOps.forward(userX, w[0], w[1], h1, b, du, h, true);
    DenseOps.forward(h1, w[2], w[3], u, b, h, d, false);
    DenseOps.forward(videoX, w[5], w[6], h3, b, vin, h, true);
    DenseOps.forward(h3, w[7], w[8], v, b, h, d, false);
  }

  /**
   * Back-propagates the loss's gradient of the last {@link #forward}.
   *
   * @param dU {@code dL/dU}, {@code b x d}
   * @param dV {@code dL/dV}, {@code b x d}
   * @param b rows
   * @param grads one array per weight block, same shapes; accumulated into
   */
  void backward(float[] dU, float[] dV, int b, float[][] grads) {
    float[][] w = model.weights();
    // user tower
    DenseOps.accumulate(h1, dU, grads[2], grads[3], b, h, d);
    DenseOps.inputGradient(dU, w[2], dh1, b, h, d);
    DenseOps.reluBackward(h1, dh1, b * h);
    DenseOps.accumulate(userX, dh1, grads[0], grads[1], b, du, h);
    // video tower, down to the ID embedding rows
    DenseOps.accumulate(h3, dV, grads[7], grads[8], b, h, d);
    DenseOps.inputGradient(dV, w[7], dh3, b, h, d);
    DenseOps.reluBackward(h3, dh3, b * h);
    DenseOps.accumulate(videoX, dh3, grads[5], grads[6], b, vin, h);
    // only the ID embedding's columns of the video input have weights to update
    for (int r = 0; r < b; r++) {
      int row = items[r] * e;
      for (int j = 0; j < e; j++) {
        int wo = (di + j) * h;
        float s = 0f;
        for (int c = 0; c < h; c++) {
          s += dh3[r * h + c] * w[5][wo + c];
        }
        grads[4][row + j] += s;
      }
    }
  }
}
