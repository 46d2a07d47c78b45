package dev.mlsd.visualsearch.evaluation;

import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import dev.mlsd.visualsearch.model.ImageEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every embedder on the same protocol, in the order given (trivial and baselines first, the trained
 * encoder last), and the paired bootstrap difference in mAP@10 of the last one over the first (the
 * trained encoder against raw pixels).
 *
 * <p>Book: chapter 2, "Evaluation".
 *
 * @param results one per embedder, in order
 * @param mapGainOverFirst mAP@10(last) - mAP@10(first), paired over queries
 */
public record EncoderComparison(
    List<RetrievalEvaluation.Result> results, ConfidenceInterval mapGainOverFirst) {

  /**
   * Evaluates each embedder.
   *
   * @param onEach told after each embedder (for narration)
   */
  public static EncoderComparison run(
      RetrievalEvaluation protocol,
      List<ImageEmbedder> embedders,
      Consumer<RetrievalEvaluation.Result> onEach) {
    List<RetrievalEvaluation.Result> results = new ArrayList<>();
    for (ImageEmbedder e : embedders) {
      RetrievalEvaluation.Result r = protocol.evaluate(e);
      onEach.accept(r);
      results.add(r);
    }
    Bootstrap b = protocol.bootstrap();
    ConfidenceInterval gain =
        b.pairedMeanDifference(
            results.getLast().metrics().averagePrecision(),
            results.getFirst().metrics().averagePrecision());
    return new EncoderComparison(results, gain);
  }

  /** The last (served) embedder's result. */
  public RetrievalEvaluation.Result served() {
    return results.getLast();
  }
}
