package dev.mlsd.recommendation.evaluation;

import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.features.UserRequest;
import dev.mlsd.recommendation.model.EaseModel;
import dev.mlsd.recommendation.model.FeedbackMatrix;
import dev.mlsd.recommendation.model.ItemScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Chooses EASE's {@code λ}, then the recency half-life of its history weights, on the validation
 * period (history = training rows, targets = the validation rows after them; never test): the
 * setting with the best validation nDCG@10 under the full-ranking protocol wins. The Gram matrix is
 * computed once and each {@code λ} costs one inverse.
 *
 * <p>Book: chapter 6, "Model development" (hyper-parameters chosen offline on held-out data).
 *
 * @param model the EASE model with the chosen {@code λ} (dense: the baseline)
 * @param served the same model pruned for serving ({@link EaseModel#pruned}), or the dense one
 * @param halfLife the chosen recency half-life in watches (0 = equal weights)
 * @param log one line per setting tried, with its validation nDCG@10
 */
public record EaseSelection(EaseModel model, EaseModel served, double halfLife, List<String> log) {

  /**
   * Tries every {@code λ} of {@code lambdas} (equal weights), then every half-life of {@code
   * halfLives} at the best {@code λ}.
   *
   * @param split the split (its validation period is the target)
   * @param fm the training matrix
   * @param catalog the catalogue (diversity of the evaluator, unused for the choice)
   * @param lambdas candidate {@code λ}s, at least one
   * @param halfLives candidate half-lives in watches, 0 meaning equal weights
   * @param minCount items with fewer training users are left out of the inverse
   * @param servingKeep entries per row of B kept for serving, 0 for the dense model; its validation
   *     nDCG@10 is logged beside the dense one's (not chosen among)
   * @param progress told one line per setting
   */
  public static EaseSelection choose(
      TimeSplit split,
      FeedbackMatrix fm,
      Catalog catalog,
      double[] lambdas,
      double[] halfLives,
      int minCount,
      int servingKeep,
      Consumer<String> progress) {
    if (lambdas.length == 0) {
      throw new IllegalArgumentException("at least one lambda");
    }
    EvaluationSet val = new EvaluationSet(split, EvaluationSet.Part.VALIDATION);
    OfflineEvaluator ev =
        new OfflineEvaluator(new GenreSimilarity(catalog), catalog.size(), Bootstrap.of(1));
    EaseModel.Gram gram = EaseModel.gram(fm, minCount);
    List<String> log = new ArrayList<>();
    EaseModel best = null;
    double bestNdcg = -1;
    for (double lambda : lambdas) {
      long t = System.nanoTime();
      EaseModel m = EaseModel.fromGram(gram, new EaseModel.Params(lambda, minCount));
      long ms = (System.nanoTime() - t) / 1_000_000;
      double ndcg = validationNdcg(ev, val, m, 0, catalog.size());
      String line =
          String.format(
              Locale.ROOT,
              "EASE lambda %.0f over %d videos: fitted in %d ms, validation nDCG@10 %.4f",
              lambda,
              gram.kept(),
              ms,
              ndcg);
      log.add(line);
      progress.accept(line);
      if (ndcg > bestNdcg) {
        bestNdcg = ndcg;
        best = m;
      }
    }
    double bestHalfLife = 0;
    for (double hl : halfLives) {
      if (hl <= 0) {
        continue;
      }
      double ndcg = validationNdcg(ev, val, best, hl, catalog.size());
      String line =
          String.format(
              Locale.ROOT,
              "EASE lambda %.0f, recency half-life %.0f watches: validation nDCG@10 %.4f",
              best.params().lambda(),
              hl,
              ndcg);
      log.add(line);
      progress.accept(line);
      if (ndcg > bestNdcg) {
        bestNdcg = ndcg;
        bestHalfLife = hl;
      }
    }
    EaseModel served = best;
    if (servingKeep > 0) {
      long t = System.nanoTime();
      served = best.pruned(servingKeep);
      long ms = (System.nanoTime() - t) / 1_000_000;
      String line =
          String.format(
              Locale.ROOT,
              "EASE for serving, top %d entries per row of B (pruned in %d ms): validation nDCG@10"
                  + " %.4f with the chosen weights (dense %.4f)",
              servingKeep,
              ms,
              validationNdcg(ev, val, served, bestHalfLife, catalog.size()),
              bestNdcg);
      log.add(line);
      progress.accept(line);
    }
    return new EaseSelection(best, served, bestHalfLife, List.copyOf(log));
  }

  private static double validationNdcg(
      OfflineEvaluator ev, EvaluationSet val, EaseModel m, double halfLife, int items) {
    ItemScorer s = recent(m, halfLife);
    return ev.evaluate(new FullRanking(s, items, 50), val, false).ndcg10();
  }

  /** EASE scoring with recency weights of the given half-life, as an {@link ItemScorer}. */
  public static ItemScorer recent(EaseModel m, double halfLife) {
    return new ItemScorer() {
      @Override
      public String name() {
        String base = m.keep() > 0 ? "EASE top " + m.keep() : "EASE";
        return halfLife <= 0
            ? base
            : String.format(Locale.ROOT, "%s, recency-weighted (half-life %.0f)", base, halfLife);
      }

      @Override
      public void scoreAll(UserRequest request, float[] out) {
        m.score(request, halfLife, out);
      }
    };
  }
}
