package dev.mlsd.core.serving.ranking;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Scratch;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.Ranker;

/**
 * Ranking through an exported model: every candidate's input row built by the module ({@link
 * GraphInputs}, or the hydrated feature rows as they are), one batch forward pass of the served
 * {@link InferenceGraph}, and the (optionally calibrated) output as each candidate's score.
 *
 * <p>Model swaps: the ranker reads its {@link ModelHolder} once per request ({@link
 * ModelHolder#served()}: the model and its version from one read), uses that model for every
 * candidate and records it on the candidates ({@link Candidates#scoredBy(ModelHolder.Served)}), so
 * the answer reports the version of the very weights that scored it. A swap takes effect at the
 * next request on each thread.
 *
 * <p>Scratch: each thread owns its input rows, output buffer and inference scratch (a {@link
 * ThreadLocal}, sized for {@code capacity} candidates), built on its first request and rebuilt when
 * it first sees a swapped-in model (whose layer widths may differ). Nothing is allocated per
 * request otherwise.
 *
 * <p>Thread safety: one instance serves every thread.
 *
 * <p>Book: chapter 1, "Serving" (ranking); chapter 6, "Serving" (scoring); chapter 8, "Serving:
 * ranking service".
 *
 * @param <Q> the module's request type
 */
public final class GraphRanker<Q> implements Ranker<Q> {
  private final ModelHolder<? extends ScoringGraph> model;
  private final int capacity;
  private final GraphInputs<Q> inputs;
  private final ThreadLocal<State> state = new ThreadLocal<>();

  private static final class State {
    ScoringGraph owner;
    Scratch scratch;
    float[] floats = new float[0];
    int[] ids = new int[0];
    final float[] out;

    State(int capacity) {
      out = new float[capacity];
    }
  }

  private GraphRanker(
      ModelHolder<? extends ScoringGraph> model, int capacity, GraphInputs<Q> inputs) {
    if (model == null) {
      throw new IllegalArgumentException("model holder must not be null");
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.model = model;
    this.capacity = capacity;
    this.inputs = inputs;
  }

  /**
   * A ranker whose model reads the candidates' hydrated feature rows as they are: the pipeline's
   * feature width must equal the graph's input width, and the graph takes no ids.
   *
   * @param model the served model
   * @param capacity the most candidates one request holds (the pipeline's maxCandidates)
   */
  public static <Q> GraphRanker<Q> onFeatures(
      ModelHolder<? extends ScoringGraph> model, int capacity) {
    return new GraphRanker<>(model, capacity, null);
  }

  /**
   * A ranker whose model inputs the module builds per candidate.
   *
   * @param model the served model
   * @param capacity the most candidates one request holds (the pipeline's maxCandidates)
   * @param inputs writes every candidate's input row
   */
  public static <Q> GraphRanker<Q> withInputs(
      ModelHolder<? extends ScoringGraph> model, int capacity, GraphInputs<Q> inputs) {
    if (inputs == null) {
      throw new IllegalArgumentException("inputs must not be null");
    }
    return new GraphRanker<>(model, capacity, inputs);
  }

  @Override
  public void rank(Q query, Candidates candidates) {
    ModelHolder.Served<? extends ScoringGraph> served = model.served();
    ScoringGraph m = served.model();
    State s = stateFor(m);
    candidates.scoredBy(served);
    int n = candidates.size();
    if (n == 0) {
      return;
    }
    if (n > capacity) {
      throw new IllegalStateException(n + " candidates, ranker sized for " + capacity);
    }
    InferenceGraph g = m.graph();
    if (inputs == null) {
      if (candidates.featureDim() != g.inputWidth()) {
        throw new IllegalStateException(
            "the pipeline hydrates "
                + candidates.featureDim()
                + " columns, the model takes "
                + g.inputWidth());
      }
      g.score(candidates.features(), n, s.out, s.scratch);
    } else {
      inputs.write(query, candidates, s.floats, s.ids);
      g.score(g.inputWidth() == 0 ? null : s.floats, s.ids, n, s.out, s.scratch);
    }
    // positions equal rows until the pipeline sorts
    for (int pos = 0; pos < n; pos++) {
      candidates.setScore(pos, m.calibrate(s.out[pos]));
    }
  }

  /** The holder this ranker reads. */
  public ModelHolder<? extends ScoringGraph> model() {
    return model;
  }

  private State stateFor(ScoringGraph m) {
    State s = state.get();
    if (s == null) {
      s = new State(capacity);
      state.set(s);
    }
    if (s.owner != m) {
      InferenceGraph g = m.graph();
      if (g.outputWidth() != 1) {
        throw new IllegalStateException(
            "a ranking model has one output, this one " + g.outputWidth());
      }
      s.scratch = g.newScratch(capacity);
      if (inputs != null) {
        if (s.floats.length != capacity * g.inputWidth()) {
          s.floats = new float[capacity * g.inputWidth()];
        }
        if (s.ids.length != capacity * g.idWidth()) {
          s.ids = new int[capacity * g.idWidth()];
        }
      }
      s.owner = m;
    }
    return s;
  }
}
