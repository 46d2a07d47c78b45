package dev.mlsd.recommendation;

import dev.mlsd.core.http.JsonServer;
import dev.mlsd.core.monitoring.DriftMonitor;
import dev.mlsd.recommendation.evaluation.OnlineReplay;
import dev.mlsd.recommendation.evaluation.RetrainingRound;
import dev.mlsd.recommendation.serving.RankingDrift;
import dev.mlsd.recommendation.serving.RecommendationHttpServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Step 7's online half: a second HTTP server that knows the warm users only up to their test
 * period, with live drift monitoring, and the test period replayed through it in time order ({@link
 * OnlineReplay}): the online metrics, and the drift the replayed traffic caused against the
 * ranker's training rows (population stability index per scoring feature and of the prediction);
 * then a retraining round on the replayed period compared with the frozen model on the next period
 * ({@link RetrainingRound}), with the replayed watches' hit rate of popularity and EASE beside the
 * served pipeline's.
 *
 * <p>Book: chapter 6, "Evaluation" (online metrics) and "Serving" (monitoring).
 *
 * @param replay what the replay measured
 * @param psi PSI per monitored column (scoring features, then "prediction"), highest first
 * @param retraining the retraining round after the replay, on the next as many watches
 */
public record ReplayWalkthrough(
    OnlineReplay replay, Map<String, Double> psi, RetrainingRound retraining) {

  /** Replays up to {@code events} test watches through a fresh server. */
  public static ReplayWalkthrough run(RecommendationSystem sys, int events) throws Exception {
    DriftMonitor drift = RankingDrift.fromTraining(sys.rankingData(), sys.ranker().exported());
    RecommendationHttpServer http =
        RecommendationHttpServer.beforeTestPeriod(sys.service(), sys.split()).monitorDrift(drift);
    OnlineReplay replay;
    try (JsonServer server = http.start(0)) {
      replay = OnlineReplay.run(server.uri(), sys.split(), sys.data().catalog(), events);
    } finally {
      http.stopDriftMonitoring();
    }
    List<Map.Entry<String, Double>> all = new ArrayList<>();
    for (int f = 0; f < drift.features(); f++) {
      all.add(Map.entry(drift.featureName(f), drift.psi(f)));
    }
    all.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
    Map<String, Double> psi = new LinkedHashMap<>();
    all.forEach(e -> psi.put(e.getKey(), e.getValue()));
    RetrainingRound retraining =
        RetrainingRound.run(
            sys.service(),
            sys.split(),
            replay.events(),
            replay.events(),
            sys.params().knnNeighbours(),
            sys.params().pairedBootstrapSeed());
    return new ReplayWalkthrough(replay, psi, retraining);
  }

  /** What the demo prints. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add(replay.describe());
    StringBuilder sb =
        new StringBuilder("drift of the replayed traffic vs the ranker's training rows,");
    sb.append(" PSI (features, highest 5; > 0.2 is usually read as a shift):");
    psi.entrySet().stream()
        .filter(e -> !e.getKey().equals("prediction"))
        .limit(5)
        .forEach(e -> sb.append(String.format(Locale.ROOT, " %s %.3f;", e.getKey(), e.getValue())));
    Double p = psi.get("prediction");
    if (p != null) {
      sb.append(String.format(Locale.ROOT, " and the ranker's prediction %.3f", p));
    }
    out.add(sb.toString());
    out.addAll(retraining.lines());
    return out;
  }
}
