package dev.mlsd.recommendation.model;

import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Where training reports to: one-line messages, and units of work done inside a long phase (for a
 * progress bar). The demo draws bars with core's {@code Progress}; tests pass {@link #silent()}.
 */
public interface TrainingProgress {
  /** One finished message (an epoch's loss, a sweep's objective). */
  void line(String text);

  /**
   * Starts a long phase.
   *
   * @param label what runs
   * @param total units of work expected
   * @return told the units done as they complete
   */
  LongConsumer begin(String label, long total);

  /** Ends the phase begun last. */
  void end();

  /**
   * One epoch's training loss (for the report's loss-per-epoch chart); reported after {@link
   * #line}. Ignored by default.
   *
   * @param model the model trained ("two-tower", "ranker")
   * @param epoch 1-based
   * @param loss mean training loss of that epoch
   */
  default void loss(String model, int epoch, double loss) {}

  /** Messages to a consumer, no bars. */
  static TrainingProgress lines(Consumer<String> out) {
    return new TrainingProgress() {
      @Override
      public void line(String text) {
        out.accept(text);
      }

      @Override
      public LongConsumer begin(String label, long total) {
        return units -> {};
      }

      @Override
      public void end() {}
    };
  }

  /** Reports nothing. */
  static TrainingProgress silent() {
    return lines(text -> {});
  }
}
