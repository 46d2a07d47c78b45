package dev.mlsd.harmful.serving;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Scratch;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.harmful.features.FeatureScratch;
import dev.mlsd.harmful.features.Featurizer;

/**
 * The harmful content detection service: featurises a new post with the training featuriser and
 * scores it with the served multi-task graph, one probability per harm category.
 *
 * <p>Per request: normalise, tokenise, hash (into this thread's {@link FeatureScratch}), then one
 * {@link InferenceGraph#score} call (into this thread's {@link Scratch}). Nothing is allocated once
 * a thread has its scratch. The model is read once per call from the {@link ModelHolder}, so a swap
 * never mixes two models in one answer.
 *
 * <p>Thread safety: thread-safe; each thread keeps its own scratch.
 *
 * <p>Book: chapter 5, "Serving: harmful content detection service".
 */
public final class HarmfulContentDetectionService {
  private final Featurizer featurizer;
  private final ModelHolder<InferenceGraph> model;
  private final ThreadLocal<Worker> workers;

  /** One thread's scratch, for the graph it was made for. */
  private static final class Worker {
    final FeatureScratch features;
    InferenceGraph graph;
    Scratch scratch;

    Worker(FeatureScratch features) {
      this.features = features;
    }
  }

  /** A service scoring with the holder's current graph. */
  public HarmfulContentDetectionService(Featurizer featurizer, ModelHolder<InferenceGraph> model) {
    this.featurizer = featurizer;
    this.model = model;
    this.workers = ThreadLocal.withInitial(() -> new Worker(featurizer.newScratch()));
  }

  /**
   * Scores one post.
   *
   * @param text the raw text (at most {@link dev.mlsd.harmful.features.TextNormalizer#MAX_CHARS}
   *     chars are read)
   * @param out receives one probability per category, {@link dev.mlsd.harmful.data.HarmTask} order
   */
  public void score(CharSequence text, float[] out) {
    Worker w = workers.get();
    InferenceGraph g = model.current();
    if (w.graph != g) {
      w.graph = g;
      w.scratch = g.newScratch(1);
    }
    featurizer.featurize(text, w.features);
    g.score(w.features.dense, w.features.ids, 1, out, w.scratch);
  }

  /** Categories scored per post. */
  public int categories() {
    return model.current().outputWidth();
  }

  /** The served model's holder. */
  public ModelHolder<InferenceGraph> model() {
    return model;
  }
}
