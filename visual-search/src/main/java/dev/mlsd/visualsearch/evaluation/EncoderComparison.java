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

  /** Every embedder's metrics with their intervals, one row each, for the console. */
  public String table() {
    List<String> names = List.copyOf(served().metrics().metrics().keySet());
    StringBuilder sb = new StringBuilder(String.format("%-22s", "encoder"));
    names.forEach(n -> sb.append(String.format(" %-24s", n)));
    for (RetrievalEvaluation.Result r : results) {
      sb.append('\n').append(String.format("%-22s", r.name()));
      for (String n : names) {
        ConfidenceInterval ci = r.metrics().metrics().get(n);
        sb.append(String.format(" %.4f [%.4f, %.4f]  ", ci.estimate(), ci.lower(), ci.upper()));
      }
    }
    return sb.toString();
  }

  /** The paired mAP@10 difference of the last embedder over the first, and what it means. */
  public String verdict() {
    ConfidenceInterval g = mapGainOverFirst;
    return g
        + (g.lower() > 0
            ? ": better beyond the noise"
            : g.upper() < 0 ? ": worse beyond the noise" : ": inside the noise");
  }

  /** The last (served) embedder's result. */
  public RetrievalEvaluation.Result served() {
    return results.getLast();
  }
}
