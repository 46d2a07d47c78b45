package dev.mlsd.recommendation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.recommendation.data.MovieLensData;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.model.TrainingProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cold-start users pooled over disjoint hold-out folds. */
class ColdStartFoldsTest {
  @TempDir Path dir;

  @Test
  void twoFoldsScoreDisjointColdUsersAndTheFileRoundTrips() throws Exception {
    MovieLensData data = SyntheticMovieLens.create(60, 80, 30, 5L);
    RecommendationSystem.Params p = RecommendationSystem.Params.defaults().quick();
    List<ColdStartFolds.UserScore> f0 = ColdStartFolds.fold(data, p, 0, TrainingProgress.silent());
    List<ColdStartFolds.UserScore> f1 = ColdStartFolds.fold(data, p, 1, TrainingProgress.silent());
    TimeSplit shipped = new TimeSplit(data.interactions(), p.split());
    Set<Integer> cold0 = new HashSet<>();
    for (ColdStartFolds.UserScore r : f0) {
      assertTrue(shipped.isCold(data.interactions().userOf(r.userId())), "fold 0 = the demo's");
      cold0.add(r.userId());
      assertTrue(r.pipeline() >= 0 && r.pipeline() <= 1);
    }
    for (ColdStartFolds.UserScore r : f1) {
      assertFalse(cold0.contains(r.userId()), "user " + r.userId() + " in both folds");
      assertEquals(1, r.fold());
    }
    Path tsv = dir.resolve("cold.tsv");
    ColdStartFolds.append(tsv, f0);
    ColdStartFolds.append(tsv, f1);
    List<ColdStartFolds.UserScore> back = ColdStartFolds.read(tsv);
    assertEquals(f0.size() + f1.size(), back.size());
    assertEquals(f1.getLast().userId(), back.getLast().userId());
    assertEquals(f1.getLast().pipeline(), back.getLast().pipeline(), 1e-6);
    assertEquals(2, ColdStartFolds.pool(back, 7).folds());
  }

  @Test
  void poolsPairedDifferencesOverUsers() {
    List<ColdStartFolds.UserScore> rows =
        List.of(
            new ColdStartFolds.UserScore(0, 1, 0.2, 0.3, 0.4),
            new ColdStartFolds.UserScore(0, 2, 0.4, 0.3, 0.4),
            new ColdStartFolds.UserScore(1, 3, 0.3, 0.3, 0.7));
    ColdStartFolds.Pooled p = ColdStartFolds.pool(rows, 7);
    assertEquals(3, p.users());
    assertEquals(2, p.folds());
    assertEquals(0.3, p.popularity(), 1e-12);
    assertEquals(0.5, p.pipeline(), 1e-12);
    assertEquals(0.2, p.minusPopularity().estimate(), 1e-12);
    assertEquals(0.2, p.minusEase().estimate(), 1e-12);
    assertEquals(
        p.halfWidth() < 0.03, p.resolves(), "resolves = half-width under 10% of popularity");
  }

  @Test
  void poolsTheChosenFoldsOnly() {
    List<ColdStartFolds.UserScore> rows =
        List.of(
            new ColdStartFolds.UserScore(0, 1, 0.2, 0.3, 0.4),
            new ColdStartFolds.UserScore(5, 2, 0.4, 0.3, 0.1),
            new ColdStartFolds.UserScore(6, 3, 0.3, 0.3, 0.2),
            new ColdStartFolds.UserScore(1, 4, 0.3, 0.3, 0.7));
    List<ColdStartFolds.UserScore> choice = ColdStartFolds.ofFolds(rows, 5, 6, 7, 8, 9);
    assertEquals(List.of(2, 3), choice.stream().map(ColdStartFolds.UserScore::userId).toList());
    assertEquals(-0.2, ColdStartFolds.pool(choice, 7).minusPopularity().estimate(), 1e-12);
    assertEquals(
        List.of(1, 4),
        ColdStartFolds.ofFolds(rows, 0, 1).stream().map(ColdStartFolds.UserScore::userId).toList());
    assertTrue(ColdStartFolds.ofFolds(rows, 3).isEmpty());
  }

  @Test
  void refusesAUserInTwoFoldsAMalformedLineAndAFoldPastTheUsers() throws Exception {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ColdStartFolds.pool(
                List.of(
                    new ColdStartFolds.UserScore(0, 1, 0.2, 0.3, 0.4),
                    new ColdStartFolds.UserScore(1, 1, 0.2, 0.3, 0.4)),
                7));
    assertThrows(IllegalArgumentException.class, () -> ColdStartFolds.pool(List.of(), 7));
    Path bad = dir.resolve("bad.tsv");
    Files.writeString(bad, "fold\tuserId\tpopularity\tease\tpipeline\n0\t1\t0.2\tx\t0.4\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ColdStartFolds.read(bad));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    MovieLensData data = SyntheticMovieLens.create(60, 80, 30, 5L);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ColdStartFolds.fold(
                data,
                RecommendationSystem.Params.defaults().quick(),
                10,
                TrainingProgress.silent()));
  }
}
