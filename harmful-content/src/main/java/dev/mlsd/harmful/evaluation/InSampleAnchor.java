package dev.mlsd.harmful.evaluation;

import dev.mlsd.core.metrics.classification.MulticlassF1;
import dev.mlsd.harmful.data.HarmTask;
import dev.mlsd.harmful.data.Post;
import dev.mlsd.harmful.data.ThreeClass;
import dev.mlsd.harmful.features.EncodedPosts;
import dev.mlsd.harmful.features.Featurizer;
import dev.mlsd.harmful.model.HashedLogisticRegression;
import java.util.List;

/**
 * The baseline measured the way Davidson et al.'s published notebook measures its model, so that
 * the anchor's 0.77 has a like-for-like figure beside it. The notebook ({@code src/Automated Hate
 * Speech Detection and the Problem of Offensive Language.ipynb} in {@code
 * t-davidson/hate-speech-and-offensive-language}) fits its logistic regression on all 24,783 tweets
 * and prints {@code classification_report(y, y_preds)} for those same tweets (the report's support
 * is every post): an in-sample figure. Here the baseline is trained on every post, the three-class
 * thresholds are fitted on every post, and every post is scored.
 *
 * <p>An in-sample figure rewards capacity, so it does not rank models; it says how this project's
 * baseline fares by the authors' own measure. The held-out figures are the results.
 *
 * @param posts the posts trained and scored on
 * @param macroF1 the three-class macro-F1
 * @param weightedF1 the three-class weighted F1
 * @param perClassF1 F1 per class in {@link ThreeClass} order (hate, offensive, neither)
 */
public record InSampleAnchor(int posts, double macroF1, double weightedF1, double[] perClassF1) {
  /** Copies the array. */
  public InSampleAnchor {
    perClassF1 = perClassF1.clone();
  }

  /**
   * Trains, thresholds and scores the baseline on the same posts.
   *
   * @param all every post of the corpus
   * @param featurizer the featuriser
   * @param lambda the baseline's L2 penalty
   * @param hateWeight the baseline's hate-class weight (1 unweighted)
   */
  public static InSampleAnchor measure(
      List<Post> all, Featurizer featurizer, double lambda, int hateWeight) {
    EncodedPosts x = featurizer.encode(all);
    boolean[][] y = new boolean[HarmTask.COUNT][];
    for (HarmTask t : HarmTask.values()) {
      y[t.ordinal()] = t.labels(all);
    }
    int[] c = all.stream().mapToInt(Post::authorsClass).toArray();
    float[][] p =
        HashedLogisticRegression.train(x, y, lambda, new int[] {hateWeight, 1}).predict(x);
    int[] predicted = ThreeClassDecision.fit(p, c).decideAll(p);
    return new InSampleAnchor(
        all.size(),
        MulticlassF1.macro(predicted, c, ThreeClass.COUNT),
        MulticlassF1.weighted(predicted, c, ThreeClass.COUNT),
        MulticlassF1.perClass(predicted, c, ThreeClass.COUNT));
  }
}
