package dev.mlsd.core.serving.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Pooling;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.ServingPipeline;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphRankerTest {

  /** score = w . x + b, one dense layer over {@code width} features. */
  static InferenceGraph linear(float[] w, float b) {
    InferenceGraph.Builder g = InferenceGraph.builder(w.length, 0);
    g.dense(g.input(), w, new float[] {b}, Activation.IDENTITY);
    return g.build();
  }

  static ModelCard card(String version) {
    return new ModelCard(
        "linear", version, "hand-made", "", "none", 1L, Map.of(), Map.of(), 0L, "test");
  }

  /** A list of 3 candidates with 2 feature columns: (1, 0), (0, 1), (2, 2). */
  static Candidates candidates() {
    Candidates c = new Candidates(4, 2);
    c.reset();
    c.add(100, 0f);
    c.add(200, 0f);
    c.add(300, 0f);
    float[] f = c.features();
    f[0] = 1;
    f[3] = 1;
    f[4] = 2;
    f[5] = 2;
    return c;
  }

  @Test
  void scoresTheHydratedRowsWithTheServedModel() {
    ModelHolder<ScoringGraph> holder =
        new ModelHolder<>(ScoringGraph.uncalibrated(linear(new float[] {1, 10}, 0.5f)), card("v1"));
    GraphRanker<Object> r = GraphRanker.onFeatures(holder, 4);
    Candidates c = candidates();
    assertNull(c.scoredBy());
    r.rank(null, c);
    assertEquals(1.5f, c.score(0), 1e-6f);
    assertEquals(10.5f, c.score(1), 1e-6f);
    assertEquals(22.5f, c.score(2), 1e-6f);
    assertEquals("v1", c.scoredBy().version());
  }

  /** Calibration halves the raw score. */
  record Halved(InferenceGraph graph) implements ScoringGraph {
    @Override
    public float calibrate(float raw) {
      return raw / 2;
    }
  }

  @Test
  void aSwapRebuildsTheScratchAndCalibrates() {
    ModelHolder<ScoringGraph> holder =
        new ModelHolder<>(ScoringGraph.uncalibrated(linear(new float[] {1, 10}, 0f)), card("v1"));
    GraphRanker<Object> r = GraphRanker.onFeatures(holder, 4);
    Candidates c = candidates();
    r.rank(null, c);
    assertEquals(22f, c.score(2), 1e-6f);

    // another shape: a hidden layer of 2 units (x0 + x1, x0 - x1), then their sum times 3
    InferenceGraph.Builder g = InferenceGraph.builder(2, 0);
    int h = g.dense(g.input(), new float[] {1, 1, 1, -1}, new float[] {0, 0}, Activation.IDENTITY);
    g.dense(h, new float[] {3, 3}, new float[] {0}, Activation.IDENTITY);
    holder.swap(new Halved(g.build()), card("v2"));
    r.rank(null, c);
    // (x0 + x1 + x0 - x1) * 3 / 2 = 3 x0
    assertEquals(3f, c.score(0), 1e-6f);
    assertEquals(0f, c.score(1), 1e-6f);
    assertEquals(6f, c.score(2), 1e-6f);
    assertEquals("v2", c.scoredBy().version());
  }

  @Test
  void moduleInputsFeedIdsThroughAnEmbedding() {
    // one id column, a 3-word vocabulary with 1-wide embeddings 0.1, 0.2, 0.3
    InferenceGraph.Builder g = InferenceGraph.builder(0, 1);
    g.embedding(0, 1, new float[] {0.1f, 0.2f, 0.3f}, 1, Pooling.CONCAT);
    ModelHolder<ScoringGraph> holder =
        new ModelHolder<>(ScoringGraph.uncalibrated(g.build()), card("ids"));
    // the candidate id modulo 3 is its word
    GraphInputs<Object> inputs =
        (q, c, floats, ids) -> {
          for (int p = 0; p < c.size(); p++) {
            ids[p] = c.id(p) % 3;
          }
        };
    GraphRanker<Object> r = GraphRanker.withInputs(holder, 4, inputs);
    Candidates c = new Candidates(4, 0);
    c.reset();
    c.add(4, 0f);
    c.add(2, 0f);
    c.add(3, 0f);
    r.rank(null, c);
    assertEquals(0.2f, c.score(0), 1e-6f);
    assertEquals(0.3f, c.score(1), 1e-6f);
    assertEquals(0.1f, c.score(2), 1e-6f);
  }

  @Test
  void inAPipelineTheRankingSortsByTheModelsScores() {
    ModelHolder<ScoringGraph> holder =
        new ModelHolder<>(ScoringGraph.uncalibrated(linear(new float[] {-1}, 0f)), card("v1"));
    ServingPipeline<Object> p =
        ServingPipeline.builder("graph")
            .candidateGenerator(
                (q, out) -> {
                  out.add(1, 0f);
                  out.add(2, 0f);
                })
            .featureHydrator(
                new dev.mlsd.core.serving.FeatureHydrator<>() {
                  @Override
                  public int columns() {
                    return 1;
                  }

                  @Override
                  public void hydrate(Object q, Candidates c, int first) {
                    for (int row = 0; row < c.size(); row++) {
                      c.features()[row] = c.ids()[row];
                    }
                  }
                })
            .ranker(GraphRanker.onFeatures(holder, 16))
            .maxCandidates(16)
            .build();
    Candidates top = p.run(new Object(), 2);
    assertEquals(1, top.id(0));
    assertEquals(-1f, top.score(0), 1e-6f);
  }

  @Test
  void aWidthMismatchOrBadArgumentsAreRefused() {
    ModelHolder<ScoringGraph> holder =
        new ModelHolder<>(ScoringGraph.uncalibrated(linear(new float[] {1, 1, 1}, 0f)), card("v"));
    GraphRanker<Object> r = GraphRanker.onFeatures(holder, 4);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> r.rank(null, candidates()));
    assertEquals("the pipeline hydrates 2 columns, the model takes 3", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GraphRanker.onFeatures(holder, 0));
    assertThrows(IllegalArgumentException.class, () -> GraphRanker.onFeatures(null, 4));
    assertThrows(IllegalArgumentException.class, () -> GraphRanker.withInputs(holder, 4, null));
    assertThrows(IllegalArgumentException.class, () -> ScoringGraph.uncalibrated(null));
  }
}
