package dev.mlsd.core.serving;

/**
 * Everything one request of a {@link ServingPipeline} writes: its {@link Candidates} and how long
 * each {@link Stage} took. Made once per thread by {@link ServingPipeline#newScratch()} and reset
 * by every run; results stay readable until the next run on the same scratch.
 *
 * <p>Thread safety: none; one per thread.
 */
public final class RequestScratch {
  private final Candidates candidates;
  final boolean[] keep;
  final long[] stageNanos = new long[Stage.values().length];

  RequestScratch(int capacity, int featureDim, int generators) {
    this.candidates = new Candidates(capacity, featureDim, generators);
    this.keep = new boolean[capacity];
  }

  /** The last request's candidates: after a run, the first k results in final order. */
  public Candidates candidates() {
    return candidates;
  }

  /** How long a stage took in the last request, in nanoseconds. */
  public long stageNanos(Stage stage) {
    return stageNanos[stage.ordinal()];
  }

  /** How long the whole last request took, in nanoseconds. */
  public long totalNanos() {
    long t = 0;
    for (long n : stageNanos) {
      t += n;
    }
    return t;
  }
}
