package dev.mlsd.core.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.monitoring.DriftMonitor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineObserverTest {

  /** Candidates 1..4, feature = id, score = id / 10. */
  static ServingPipeline<Integer> pipeline() {
    return ServingPipeline.<Integer>builder("observed")
        .candidateGenerator(
            (q, out) -> {
              for (int id = 1; id <= 4; id++) {
                out.add(id, 0f);
              }
            })
        .featureHydrator(
            new FeatureHydrator<>() {
              @Override
              public int columns() {
                return 1;
              }

              @Override
              public void hydrate(Integer q, Candidates c, int first) {
                for (int row = 0; row < c.size(); row++) {
                  c.features()[row] = c.ids()[row] + q;
                }
              }
            })
        .ranker(
            (q, c) -> {
              for (int p = 0; p < c.size(); p++) {
                c.setScore(p, c.id(p) / 10f);
              }
            })
        .build();
  }

  @Test
  void observersSeeTheFinalResultsAfterTheLastStage() {
    List<String> seen = new ArrayList<>();
    ServingPipeline<Integer> p = pipeline();
    PipelineObserver<Integer> o =
        (q, c) ->
            seen.add(q + ":" + c.size() + ":" + c.id(0) + ":" + c.features()[c.featureOffset(0)]);
    p.addObserver(o);
    p.run(0, 2);
    p.run(100, 3);
    assertEquals(List.of("0:2:4:4.0", "100:3:4:104.0"), seen);
    assertTrue(p.removeObserver(o));
    assertFalse(p.removeObserver(o));
    p.run(0, 2);
    assertEquals(2, seen.size());
    assertThrows(IllegalArgumentException.class, () -> p.addObserver(null));
  }

  @Test
  void aDriftObserverCountsServedFeaturesAndScores() {
    // training: feature values 1..4 and scores 0.1..0.4, 2 bins each
    DriftMonitor m =
        DriftMonitor.builder(2)
            .feature("f", new float[] {1, 2, 3, 4})
            .feature("prediction", new float[] {0.1f, 0.2f, 0.3f, 0.4f})
            .build();
    ServingPipeline<Integer> p =
        ServingPipeline.<Integer>builder("drift")
            .candidateGenerator(pipelineGenerator())
            .featureHydrator(hydrator())
            .ranker(
                (q, c) -> {
                  for (int pos = 0; pos < c.size(); pos++) {
                    c.setScore(pos, c.id(pos) / 10f);
                  }
                })
            .observer(new DriftObserver<>(m, 1))
            .build();
    p.run(0, 4);
    assertEquals(4, m.observations(0));
    assertEquals(4, m.observations(1));
    // the same values as training: no drift
    assertEquals(0.0, m.psi(0), 1e-6);
    // shifted features (+100) all fall in the top bin: serving (2, 6) against training (2, 2),
    // PSI = (1/4 - 1/2) ln(1/2) + (3/4 - 1/2) ln(3/2) = 0.275
    p.run(100, 4);
    assertEquals(0.275, m.psi(0), 0.01);
    assertArrayEquals(new long[] {4, 4}, java.util.Arrays.copyOf(m.servingCounts(1), 2));
    assertThrows(IllegalArgumentException.class, () -> new DriftObserver<Integer>(m, 2));
  }

  private static CandidateGenerator<Integer> pipelineGenerator() {
    return (q, out) -> {
      for (int id = 1; id <= 4; id++) {
        out.add(id, 0f);
      }
    };
  }

  private static FeatureHydrator<Integer> hydrator() {
    return new FeatureHydrator<>() {
      @Override
      public int columns() {
        return 1;
      }

      @Override
      public void hydrate(Integer q, Candidates c, int first) {
        for (int row = 0; row < c.size(); row++) {
          c.features()[row] = c.ids()[row] + q;
        }
      }
    };
  }
}
