package dev.mlsd.videosearch.serving;

import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.Ranker;

/**
 * The fusion layer as the pipeline's ranking stage: reads each candidate's rank and score from the
 * text search and from the learned search (core's {@link Candidates} keeps every generator's view)
 * and writes the {@link Fusion}'s score. With only one search declared it ranks by that search
 * alone (its normalised score), which is how the evaluation serves "BM25 alone" and "learned alone"
 * through the same pipeline.
 *
 * <p>Thread safety: thread-safe (per-thread {@link ScoreRanges}).
 *
 * <p>Book: chapter 4, "Serving", fusion layer.
 */
public final class FusionRanker implements Ranker<SearchRequest> {
  private final Fusion fusion;
  private final int textGenerator;
  private final int learnedGenerator;
  private final ThreadLocal<ScoreRanges> ranges = ThreadLocal.withInitial(ScoreRanges::new);

  /**
   * @param fusion how to combine the two searches
   * @param textGenerator the text search's generator index in the pipeline, or -1 if absent
   * @param learnedGenerator the learned search's generator index, or -1 if absent
   */
  public FusionRanker(Fusion fusion, int textGenerator, int learnedGenerator) {
    if (textGenerator < 0 && learnedGenerator < 0) {
      throw new IllegalArgumentException("at least one search must be declared");
    }
    this.fusion = fusion;
    this.textGenerator = textGenerator;
    this.learnedGenerator = learnedGenerator;
  }

  /** The fusion in use. */
  public Fusion fusion() {
    return fusion;
  }

  @Override
  public void rank(SearchRequest q, Candidates c) {
    ScoreRanges r = ranges.get();
    r.reset();
    int n = c.size();
    for (int p = 0; p < n; p++) {
      float t = textScore(c, p);
      float l = learnedScore(c, p);
      if (!Float.isNaN(t)) {
        r.text(t);
      }
      if (!Float.isNaN(l)) {
        r.learned(l);
      }
    }
    for (int p = 0; p < n; p++) {
      c.setScore(
          p,
          fusion.fuse(textScore(c, p), textRank(c, p), learnedScore(c, p), learnedRank(c, p), r));
    }
  }

  private float textScore(Candidates c, int p) {
    return textGenerator < 0 ? Float.NaN : c.generatorScore(p, textGenerator);
  }

  private float learnedScore(Candidates c, int p) {
    return learnedGenerator < 0 ? Float.NaN : c.generatorScore(p, learnedGenerator);
  }

  /** 1-based rank, 0 when absent (core's ranks are 0-based, -1 when absent). */
  private int textRank(Candidates c, int p) {
    return textGenerator < 0 ? 0 : c.generatorRank(p, textGenerator) + 1;
  }

  private int learnedRank(Candidates c, int p) {
    return learnedGenerator < 0 ? 0 : c.generatorRank(p, learnedGenerator) + 1;
  }
}
