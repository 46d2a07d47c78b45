package dev.mlsd.adctr.model;

import dev.mlsd.adctr.features.EncodedRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;
import smile.model.cart.InternalNode;
import smile.model.cart.LeafNode;
import smile.model.cart.Node;
import smile.regression.RegressionTree;

/**
 * GBDT + LR, the design of Facebook's "Practical Lessons from Predicting Clicks on Ads" (He et al.,
 * ADKDD 2014): gradient-boosted trees (Smile's {@link GradientTreeBoost}) learn non-linear
 * combinations of the dense features, and the leaf each tree puts an impression in becomes one more
 * binary feature of a logistic regression that also sees the hashed features and crosses.
 *
 * <p>The trees' inputs: the pipeline's dense features (log-transformed numerics, historical CTRs)
 * plus, per categorical field, the value's frequency rank in the training rows (0 = most frequent,
 * {@value #RARE} for values seen fewer than {@value #MIN_COUNT} times, -1 for missing), a
 * leakage-free way to let trees split on high-cardinality categories.
 *
 * <p>Book: chapter 8, "GBDT + LR".
 *
 * <p>Thread safety: predictions may run concurrently once trained.
 */
public final class GbdtPlusLr implements ClickModel {
  /** Rank of a rare category. */
  public static final int RARE = 255;

  /** Occurrences below which a category is rare. */
  public static final int MIN_COUNT = 3;

  /**
   * Hyper-parameters.
   *
   * @param trees number of trees
   * @param maxDepth depth of each tree
   * @param maxNodes leaves per tree at most
   * @param shrinkage learning rate of the boosting
   * @param subsample row sampling rate per tree
   * @param lr the logistic regression's parameters
   */
  public record Params(
      int trees,
      int maxDepth,
      int maxNodes,
      double shrinkage,
      double subsample,
      FtrlLogisticRegression.Params lr) {
    /** Defaults chosen on the Criteo validation split. */
    public static final Params DEFAULT =
        new Params(60, 4, 8, 0.1, 0.8, FtrlLogisticRegression.Params.DEFAULT);
  }

  private final List<Map<String, Integer>> ranks;
  private final GradientTreeBoost gbdt;
  private final List<IdentityHashMap<LeafNode, Integer>> leafIds;
  private final int linearFeatureCount;
  private final FtrlLogisticRegression lr;
  private final String[] columns;

  private GbdtPlusLr(
      List<Map<String, Integer>> ranks,
      GradientTreeBoost gbdt,
      List<IdentityHashMap<LeafNode, Integer>> leafIds,
      int linearFeatureCount,
      FtrlLogisticRegression lr,
      String[] columns) {
    this.ranks = ranks;
    this.gbdt = gbdt;
    this.leafIds = leafIds;
    this.linearFeatureCount = linearFeatureCount;
    this.lr = lr;
    this.columns = columns;
  }

  /**
   * Trains the trees on the training rows, then the LR on hashed features plus leaves.
   *
   * @param linearFeatureCount the pipeline's linear id space; leaf ids come after it
   * @param seed seeds Smile's row sampling
   */
  public static GbdtPlusLr train(
      int linearFeatureCount, Params p, EncodedRows train, long seed, LongConsumer progress) {
    int cats = train.categorical().length == 0 ? 0 : train.categorical()[0].length;
    List<Map<String, Integer>> ranks = new ArrayList<>();
    for (int f = 0; f < cats; f++) {
      Map<String, Integer> counts = new HashMap<>();
      for (String[] row : train.categorical()) {
        if (!row[f].isEmpty()) {
          counts.merge(row[f], 1, Integer::sum);
        }
      }
      List<Map.Entry<String, Integer>> e = new ArrayList<>(counts.entrySet());
      // most frequent first, ties by value so that ranks are deterministic
      e.sort(
          (a, b) ->
              a.getValue().equals(b.getValue())
                  ? a.getKey().compareTo(b.getKey())
                  : b.getValue() - a.getValue());
      Map<String, Integer> r = new HashMap<>();
      for (int i = 0; i < e.size() && i < RARE && e.get(i).getValue() >= MIN_COUNT; i++) {
        r.put(e.get(i).getKey(), i);
      }
      ranks.add(r);
    }
    int width = train.dense()[0].length + cats;
    String[] columns = new String[width];
    for (int j = 0; j < width; j++) {
      columns[j] = "x" + j;
    }
    double[][] x = treeInputs(train, ranks, width);
    int[] y = new int[train.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = train.labels()[i] ? 1 : 0;
    }
    DataFrame df = DataFrame.of(x, columns).add(new IntVector("y", y));
    smile.math.MathEx.setSeed(seed);
    GradientTreeBoost gbdt =
        GradientTreeBoost.fit(
            Formula.lhs("y"),
            df,
            new GradientTreeBoost.Options(
                p.trees(),
                p.maxDepth(),
                p.maxNodes(),
                5,
                p.shrinkage(),
                p.subsample(),
                null,
                null));
    progress.accept(train.size());
    List<IdentityHashMap<LeafNode, Integer>> leafIds = new ArrayList<>();
    int next = 0;
    for (RegressionTree t : gbdt.trees()[0]) {
      IdentityHashMap<LeafNode, Integer> m = new IdentityHashMap<>();
      next = numberLeaves(t.root(), m, next);
      leafIds.add(m);
    }
    FtrlLogisticRegression lr =
        new FtrlLogisticRegression("GBDT+LR", linearFeatureCount + next, p.lr());
    GbdtPlusLr model = new GbdtPlusLr(ranks, gbdt, leafIds, linearFeatureCount, lr, columns);
    int[][] ids = model.lrIds(train, x);
    for (int e = 0; e < p.lr().epochs(); e++) {
      lr.update(ids, train.labels());
      progress.accept(train.size());
    }
    return model;
  }

  private static int numberLeaves(Node n, IdentityHashMap<LeafNode, Integer> m, int next) {
    if (n instanceof InternalNode in) {
      next = numberLeaves(in.trueChild(), m, next);
      return numberLeaves(in.falseChild(), m, next);
    }
    m.put((LeafNode) n, next);
    return next + 1;
  }

  private static double[][] treeInputs(
      EncodedRows rows, List<Map<String, Integer>> ranks, int width) {
    double[][] x = new double[rows.size()][width];
    for (int i = 0; i < rows.size(); i++) {
      float[] d = rows.dense()[i];
      for (int j = 0; j < d.length; j++) {
        x[i][j] = d[j];
      }
      String[] c = rows.categorical()[i];
      for (int f = 0; f < ranks.size(); f++) {
        x[i][d.length + f] = c[f].isEmpty() ? -1 : ranks.get(f).getOrDefault(c[f], RARE);
      }
    }
    return x;
  }

  private int[][] lrIds(EncodedRows rows, double[][] x) {
    DataFrame df = DataFrame.of(x, columns);
    RegressionTree[] trees = gbdt.trees()[0];
    int[][] ids = new int[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      int[] lin = rows.linearIds()[i];
      int[] row = Arrays.copyOf(lin, lin.length + trees.length);
      Tuple t = df.get(i);
      for (int j = 0; j < trees.length; j++) {
        row[lin.length + j] = linearFeatureCount + leafIds.get(j).get(trees[j].root().predict(t));
      }
      ids[i] = row;
    }
    return ids;
  }

  /** Number of trees. */
  public int trees() {
    return leafIds.size();
  }

  @Override
  public String name() {
    return "GBDT+LR";
  }

  @Override
  public float[] predict(EncodedRows rows) {
    int width = columns.length;
    int[][] ids = lrIds(rows, treeInputs(rows, ranks, width));
    float[] p = new float[rows.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = lr.score(ids[i], 0, ids[i].length);
    }
    return p;
  }
}
