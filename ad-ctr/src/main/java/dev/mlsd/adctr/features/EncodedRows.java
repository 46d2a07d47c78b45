package dev.mlsd.adctr.features;

import dev.mlsd.adctr.data.Impression;
import java.util.List;

/**
 * A block of impressions run through the {@link FeaturePipeline}: per row the field ids, the linear
 * ids (fields plus crosses), the dense inputs, and the label. What every model trains on and
 * predicts from.
 *
 * @param fieldIds per row, {@link FeaturePipeline#fieldCount()} global ids
 * @param linearIds per row, {@link FeaturePipeline#linearWidth()} ids
 * @param dense per row, {@link FeaturePipeline#denseWidth()} values
 * @param categorical per row, the raw categorical values (for encoders that fit on training data)
 * @param labels per row, clicked or not
 */
public record EncodedRows(
    int[][] fieldIds,
    int[][] linearIds,
    float[][] dense,
    String[][] categorical,
    boolean[] labels) {

  /**
   * Encodes rows.
   *
   * @param batch per row, the four historical CTRs (from {@link HistoricalCtr#sequential})
   */
  public static EncodedRows of(FeaturePipeline p, List<Impression> rows, float[][] batch) {
    if (rows.size() != batch.length) {
      throw new IllegalArgumentException(
          "rows and batch features differ in length: " + rows.size() + " vs " + batch.length);
    }
    int n = rows.size();
    int[][] ids = new int[n][p.fieldCount()];
    int[][] lin = new int[n][p.linearWidth()];
    float[][] dense = new float[n][p.denseWidth()];
    String[][] cat = new String[n][];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      Impression r = rows.get(i);
      p.encode(r, batch[i], ids[i]);
      p.linearIds(ids[i], lin[i]);
      p.dense(r, batch[i], dense[i]);
      cat[i] = r.categorical();
      y[i] = r.clicked();
    }
    return new EncodedRows(ids, lin, dense, cat, y);
  }

  /** Number of rows. */
  public int size() {
    return labels.length;
  }

  /** Rows [from, to) as a view sharing the arrays' rows. */
  public EncodedRows slice(int from, int to) {
    return new EncodedRows(
        java.util.Arrays.copyOfRange(fieldIds, from, to),
        java.util.Arrays.copyOfRange(linearIds, from, to),
        java.util.Arrays.copyOfRange(dense, from, to),
        java.util.Arrays.copyOfRange(categorical, from, to),
        java.util.Arrays.copyOfRange(labels, from, to));
  }

  /** The rows at the given indices, in that order. */
  public EncodedRows select(int[] idx) {
    int[][] a = new int[idx.length][];
    int[][] b = new int[idx.length][];
    float[][] d = new float[idx.length][];
    String[][] c = new String[idx.length][];
    boolean[] y = new boolean[idx.length];
    for (int i = 0; i < idx.length; i++) {
      a[i] = fieldIds[idx[i]];
      b[i] = linearIds[idx[i]];
      d[i] = dense[idx[i]];
      c[i] = categorical[idx[i]];
      y[i] = labels[idx[i]];
    }
    return new EncodedRows(a, b, d, c, y);
  }

  /** Fraction of rows clicked. */
  public double ctr() {
    int c = 0;
    for (boolean b : labels) {
      if (b) {
        c++;
      }
    }
    return labels.length == 0 ? 0 : (double) c / labels.length;
  }
}
