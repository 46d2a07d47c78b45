package dev.mlsd.videosearch.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsd.core.serving.CandidateGenerator;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ServingPipeline;
import org.junit.jupiter.api.Test;

class FusionTest {
  /**
   * Text search returns 10 (bm25 8), 20 (5), 30 (2); learned returns 20 (0.9), 40 (0.5), 10 (0.1).
   */
  static final CandidateGenerator<SearchRequest> TEXT =
      fixed(new int[] {10, 20, 30}, new float[] {8, 5, 2});

  static final CandidateGenerator<SearchRequest> LEARNED =
      fixed(new int[] {20, 40, 10}, new float[] {0.9f, 0.5f, 0.1f});

  /** A search that returns the given ids with their scores, best first. */
  static CandidateGenerator<SearchRequest> fixed(int[] ids, float[] scores) {
    return (q, out) -> {
      for (int i = 0; i < ids.length; i++) {
        out.add(ids[i], scores[i]);
      }
    };
  }

  @Test
  void weightedSumOfMinMaxNormalisedScoresByHand() {
    ScoreRanges r = new ScoreRanges();
    r.reset();
    for (float s : new float[] {8, 5, 2}) {
      r.text(s);
    }
    for (float s : new float[] {0.9f, 0.5f, 0.1f}) {
      r.learned(s);
    }
    WeightedSumFusion f = new WeightedSumFusion(0.25);
    // video 10: text (8-2)/6 = 1, learned (0.1-0.1)/0.8 = 0 -> 0.25
    assertEquals(0.25f, f.fuse(8, 1, 0.1f, 3, r), 1e-6);
    // video 20: text 0.5, learned 1 -> 0.125 + 0.75 = 0.875
    assertEquals(0.875f, f.fuse(5, 2, 0.9f, 1, r), 1e-6);
    // video 30: text 0, not returned by learned -> 0
    assertEquals(0f, f.fuse(2, 3, Float.NaN, 0, r), 1e-6);
    // video 40: not returned by text, learned 0.5 -> 0.75 * 0.5 = 0.375
    assertEquals(0.375f, f.fuse(Float.NaN, 0, 0.5f, 2, r), 1e-6);
  }

  @Test
  void reciprocalRankFusionByHand() {
    ReciprocalRankFusion f = new ReciprocalRankFusion(60);
    ScoreRanges r = new ScoreRanges();
    assertEquals(1.0 / 61 + 1.0 / 63, f.fuse(8, 1, 0.1f, 3, r), 1e-7);
    assertEquals(1.0 / 62, f.fuse(Float.NaN, 0, 0.5f, 2, r), 1e-7);
  }

  /** The two fixed searches as a served pipeline (no rules), ranked by the fusion. */
  static int[] ranked(Fusion fusion, int k) {
    ServingPipeline<SearchRequest> p =
        ServingPipeline.<SearchRequest>builder("test")
            .candidateGenerator(TEXT)
            .candidateGenerator(LEARNED)
            .ranker(new FusionRanker(fusion, 0, 1))
            .build();
    Candidates c = p.run(SearchRequest.of("anything", k, 1), k);
    int[] out = new int[c.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.id(i);
    }
    return out;
  }

  @Test
  void theFusionRankerRanksTheUnionByFusedScoreThenId() {
    // 20: 0.875, 40: 0.375, 10: 0.25, 30: 0
    assertArrayEquals(new int[] {20, 40, 10, 30}, ranked(new WeightedSumFusion(0.25), 10));
    // text only: 10 (1), 20 (0.5), then 30 and 40 tie at 0 and go by id
    assertArrayEquals(new int[] {10, 20, 30, 40}, ranked(new WeightedSumFusion(1.0), 10));
    // 10: 1/61 + 1/63, 20: 1/62 + 1/61 -> 20 first
    assertArrayEquals(new int[] {20, 10}, ranked(new ReciprocalRankFusion(60), 2));
  }

  @Test
  void refusesAWeightOutsideZeroOne() {
    assertThrows(IllegalArgumentException.class, () -> new WeightedSumFusion(1.5));
    assertThrows(IllegalArgumentException.class, () -> new ReciprocalRankFusion(0));
  }
}
