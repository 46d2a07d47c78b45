package dev.mlsd.adctr.evaluation;

import dev.mlsd.adctr.features.EncodedRows;
import dev.mlsd.adctr.model.FtrlLogisticRegression;
import dev.mlsd.core.metrics.classification.LogLoss;
import dev.mlsd.core.metrics.classification.RocAuc;
import java.util.Locale;

/**
 * Continual learning, replayed: the training period is cut into time-ordered chunks; after each
 * chunk the model is fine-tuned on it (one online FTRL pass) and evaluated on the next chunk before
 * seeing it (progressive validation). A model frozen after the first chunk is evaluated on the same
 * chunks. Catastrophic forgetting is checked on the earliest chunk: its log loss right after the
 * model learned it, against its log loss after every later chunk.
 *
 * <p>Book: chapter 8, "Continual learning" and "Challenges: catastrophic forgetting".
 */
public final class ContinualLearningReplay {
  private ContinualLearningReplay() {}

  /**
   * The replay's outcome.
   *
   * @param chunks number of chunks
   * @param fineTunedLogLoss per evaluated chunk (1..chunks-1), the fine-tuned model's log loss
   * @param frozenLogLoss per evaluated chunk, the frozen model's log loss
   * @param fineTunedAuc per evaluated chunk, the fine-tuned model's AUC
   * @param frozenAuc per evaluated chunk, the frozen model's AUC
   * @param firstChunkLogLossAfterFirst log loss on chunk 0 right after training on it
   * @param firstChunkLogLossAtEnd log loss on chunk 0 after all chunks
   */
  public record Result(
      int chunks,
      double[] fineTunedLogLoss,
      double[] frozenLogLoss,
      double[] fineTunedAuc,
      double[] frozenAuc,
      double firstChunkLogLossAfterFirst,
      double firstChunkLogLossAtEnd) {

    /** Mean of an array. */
    public static double mean(double[] v) {
      double s = 0;
      for (double x : v) {
        s += x;
      }
      return s / v.length;
    }

    /** A text rendering. */
    public String table() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "%-6s %-22s %-22s%n",
              "chunk",
              "fine-tuned ll / AUC",
              "frozen ll / AUC"));
      for (int i = 0; i < fineTunedLogLoss.length; i++) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%-6d %.4f / %.4f        %.4f / %.4f%n",
                i + 1,
                fineTunedLogLoss[i],
                fineTunedAuc[i],
                frozenLogLoss[i],
                frozenAuc[i]));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "mean   %.4f / %.4f        %.4f / %.4f%n",
              mean(fineTunedLogLoss),
              mean(fineTunedAuc),
              mean(frozenLogLoss),
              mean(frozenAuc)));
      sb.append(
          String.format(
              Locale.ROOT,
              "forgetting check, log loss on chunk 0: %.4f right after it, %.4f after all %d chunks"
                  + " (%+.4f)%n",
              firstChunkLogLossAfterFirst,
              firstChunkLogLossAtEnd,
              chunks,
              firstChunkLogLossAtEnd - firstChunkLogLossAfterFirst));
      return sb.toString();
    }
  }

  /**
   * Replays the training period.
   *
   * @param train the training rows, time-ordered
   * @param chunks number of chunks, at least 2
   * @param featureCount the linear id space
   */
  public static Result run(
      EncodedRows train, int chunks, int featureCount, FtrlLogisticRegression.Params params) {
    if (chunks < 2 || train.size() < chunks * 10) {
      throw new IllegalArgumentException("need at least 2 chunks of 10 rows, got " + chunks);
    }
    int n = train.size();
    EncodedRows[] c = new EncodedRows[chunks];
    for (int i = 0; i < chunks; i++) {
      c[i] = train.slice((int) ((long) n * i / chunks), (int) ((long) n * (i + 1) / chunks));
    }
    FtrlLogisticRegression live = new FtrlLogisticRegression("fine-tuned", featureCount, params);
    live.update(c[0].linearIds(), c[0].labels());
    FtrlLogisticRegression frozen = live.copy("frozen");
    double firstAfter = LogLoss.compute(live.predict(c[0]), c[0].labels());
    double[] ftLl = new double[chunks - 1];
    double[] frLl = new double[chunks - 1];
    double[] ftAuc = new double[chunks - 1];
    double[] frAuc = new double[chunks - 1];
    for (int i = 1; i < chunks; i++) {
      float[] pl = live.predict(c[i]);
      float[] pf = frozen.predict(c[i]);
      ftLl[i - 1] = LogLoss.compute(pl, c[i].labels());
      frLl[i - 1] = LogLoss.compute(pf, c[i].labels());
      ftAuc[i - 1] = RocAuc.compute(pl, c[i].labels());
      frAuc[i - 1] = RocAuc.compute(pf, c[i].labels());
      live.update(c[i].linearIds(), c[i].labels());
    }
    double firstEnd = LogLoss.compute(live.predict(c[0]), c[0].labels());
    return new Result(chunks, ftLl, frLl, ftAuc, frAuc, firstAfter, firstEnd);
  }
}
