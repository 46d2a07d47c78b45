package dev.mlsd.recommendation;

import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.TopKCollector;
import dev.mlsd.core.ann.VectorIndex;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.evaluation.EaseSelection;
import dev.mlsd.recommendation.evaluation.EvaluationSet;
import dev.mlsd.recommendation.evaluation.FullRanking;
import dev.mlsd.recommendation.evaluation.GenreSimilarity;
import dev.mlsd.recommendation.evaluation.MetricRow;
import dev.mlsd.recommendation.evaluation.MetricsTable;
import dev.mlsd.recommendation.evaluation.OfflineEvaluator;
import dev.mlsd.recommendation.features.UserRequest;
import dev.mlsd.recommendation.model.GenreModel;
import dev.mlsd.recommendation.model.ItemScorer;
import dev.mlsd.recommendation.model.TopItems;
import dev.mlsd.recommendation.model.TwoTowerScorer;
import dev.mlsd.recommendation.model.WalsScorer;
import dev.mlsd.recommendation.serving.PipelineRecommender;
import dev.mlsd.recommendation.serving.RankingDataset;
import dev.mlsd.recommendation.serving.RecommendationModels;
import dev.mlsd.recommendation.serving.RecommendationService;
import dev.mlsd.recommendation.serving.ServingParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Step 6 of chapter 6 on a trained {@link RecommendationSystem}: the offline metrics of every
 * baseline, every candidate generator ranked alone, the pipeline without and with re-ranking, on
 * test users and on cold-start users separately (full ranking over the catalogue; nDCG@10 with a
 * per-user bootstrap interval); the merged candidate set's recall; the full pipeline against
 * popularity with a paired bootstrap; and the two-tower HNSW index's recall@n against exact search.
 * Bootstrap seeds come from {@link RecommendationSystem.Params#seed()}. Nothing is tuned here:
 * every hyper-parameter was chosen on the validation period.
 *
 * @param test the test users' results
 * @param coldStart the cold-start users' results
 * @param shortHistory the test users again, each known only by the last {@link #SHORT_HISTORY_ROWS}
 *     rows of their history (anonymous requests): the cold-start shape on nine times as many users
 *     as the held-out group, so that its paired intervals can resolve a 10% difference
 * @param towerAnnRecall share of the exact two-tower top {@code annK} (watched removed) that HNSW
 *     returns at the served ef
 * @param annK the two-tower generator's candidate count
 * @param ef the HNSW search breadth used
 */
public record RecommendationEvaluation(
    Part test, Part coldStart, Part shortHistory, double towerAnnRecall, int annK, int ef) {

  /** History rows the short-history group keeps: as many as a held-out cold-start user has. */
  public static final int SHORT_HISTORY_ROWS = 5;

  /** The row of the two-tower generator ranked alone. */
  static final String TOWER = "generator: two-tower";

  /** The row of WALS ranked alone. */
  static final String WALS = "generator: WALS";

  /** The row of the ranked pipeline without the cold-start fallback (when the fallback is on). */
  public static final String NO_FALLBACK = "pipeline, no cold-start fallback";

  /**
   * One group of users.
   *
   * @param label "test users" or "cold-start users"
   * @param users users evaluated
   * @param skipped users without a liked held-out video, left out
   * @param rows one row per model, popularity first, the full pipeline last
   * @param mergedCandidates mean size of the merged, de-duplicated candidate set
   * @param mergedRecall recall of the merged candidate set
   * @param paired full pipeline minus each reference row (popularity, EASE, WALS alone), nDCG@10,
   *     paired bootstrap interval over the same users; keyed by the reference row's name
   * @param towerMinusWals the two-tower generator ranked alone minus WALS ranked alone, nDCG@10,
   *     paired bootstrap interval over the same users (issue 17: "two-tower alone >= WALS alone")
   */
  public record Part(
      String label,
      int users,
      int skipped,
      List<MetricRow> rows,
      double mergedCandidates,
      double mergedRecall,
      Map<String, ConfidenceInterval> paired,
      ConfidenceInterval towerMinusWals) {

    /** The reference rows the full pipeline is compared with, pairwise. */
    public static final List<String> REFERENCES =
        List.of("baseline: popularity", "baseline: EASE", "generator: WALS");

    /** Full pipeline minus popularity, nDCG@10, paired bootstrap interval. */
    public ConfidenceInterval ndcgDifference() {
      return paired.get(REFERENCES.getFirst());
    }

    /** The popularity baseline's row. */
    public MetricRow popularity() {
      return rows.getFirst();
    }

    /** The full pipeline's row. */
    public MetricRow fullPipeline() {
      return rows.getLast();
    }

    /**
     * The ranked pipeline's row: without the cold-start fallback when the fallback is on (its own
     * row), else the full pipeline's.
     */
    public MetricRow rankedPipeline() {
      MetricRow ranked = row(NO_FALLBACK);
      return ranked != null ? ranked : fullPipeline();
    }

    /** The row called {@code name}, or null. */
    public MetricRow row(String name) {
      return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    /** Full pipeline over popularity, nDCG@10. */
    public double ndcgRatio() {
      return fullPipeline().ndcg10() / popularity().ndcg10();
    }

    /** Full pipeline over popularity, recall@10. */
    public double recallRatio() {
      return fullPipeline().recall10() / popularity().recall10();
    }

    /** What this group's evaluation says, as the demo prints it. */
    public String describe() {
      return String.format(
              Locale.ROOT,
              "%s: %d users evaluated (%d without a liked held-out video left out)%n",
              label,
              users,
              skipped)
          + "protocol: "
          + MetricsTable.PROTOCOL
          + "\n"
          + MetricsTable.text(rows)
          + summary();
    }

    /** The merged candidate set and the full pipeline against each reference, a few lines. */
    public String summary() {
      StringBuilder sb =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "merged candidate set (generators de-duplicated, watched removed): mean %.0f"
                      + " videos, recall %.4f%n",
                  mergedCandidates,
                  mergedRecall));
      sb.append(
          String.format(
              Locale.ROOT,
              "full pipeline vs popularity: nDCG@10 x%.2f, recall@10 x%.2f (goal x1.5)",
              ndcgRatio(),
              recallRatio()));
      paired.forEach(
          (name, d) ->
              sb.append(
                  String.format(
                      Locale.ROOT,
                      "%nfull pipeline - %s: nDCG@10 %+.4f, 95%% paired bootstrap [%+.4f, %+.4f]%s",
                      name,
                      d.estimate(),
                      d.lower(),
                      d.upper(),
                      d.contains(0) ? " (inside the noise)" : " (outside the noise)")));
      sb.append(
          String.format(
              Locale.ROOT,
              "%ntwo-tower alone - WALS alone: nDCG@10 %+.4f, 95%% paired bootstrap [%+.4f, %+.4f]%s",
              towerMinusWals.estimate(),
              towerMinusWals.lower(),
              towerMinusWals.upper(),
              towerMinusWals.contains(0) ? " (inside the noise)" : " (outside the noise)"));
      return sb.toString();
    }
  }

  /** Evaluates {@code sys} on its test and cold-start users. */
  public static RecommendationEvaluation run(RecommendationSystem sys) {
    RecommendationSystem.Params p = sys.params();
    Catalog catalog = sys.data().catalog();
    OfflineEvaluator ev =
        new OfflineEvaluator(
            new GenreSimilarity(catalog), catalog.size(), Bootstrap.of(p.bootstrapSeed()));
    Part test = part(sys, ev, EvaluationSet.Part.TEST, "test users");
    double ann =
        annRecall(
            sys.service().models(),
            new EvaluationSet(sys.split(), EvaluationSet.Part.TEST),
            p.serving().towerCandidates(),
            p.serving().ef());
    Part cold = part(sys, ev, EvaluationSet.Part.COLD_START, "cold-start users");
    Part shortHistory =
        part(
            sys,
            ev,
            new EvaluationSet(sys.split(), EvaluationSet.Part.TEST)
                .withLastRows(SHORT_HISTORY_ROWS),
            "test users, last " + SHORT_HISTORY_ROWS + " rows of history only");
    return new RecommendationEvaluation(
        test, cold, shortHistory, ann, p.serving().towerCandidates(), p.serving().ef());
  }

  /** Evaluates {@code sys} on its cold-start users only ({@link ColdStartFolds}). */
  public static Part coldStart(RecommendationSystem sys) {
    Catalog catalog = sys.data().catalog();
    OfflineEvaluator ev =
        new OfflineEvaluator(
            new GenreSimilarity(catalog),
            catalog.size(),
            Bootstrap.of(sys.params().bootstrapSeed()));
    return part(sys, ev, EvaluationSet.Part.COLD_START, "cold-start users");
  }

  /** The three groups and the ANN check, in the order the demo prints them. */
  public String describe() {
    return test.describe()
        + String.format(
            Locale.ROOT,
            "%ntwo-tower HNSW vs exact search: recall@%d %.4f (ef=%d)%n",
            annK,
            towerAnnRecall,
            ef)
        + coldStart.describe()
        + "\n"
        + shortHistory.describe();
  }

  private static Part part(
      RecommendationSystem sys, OfflineEvaluator ev, EvaluationSet.Part which, String label) {
    return part(sys, ev, new EvaluationSet(sys.split(), which), label);
  }

  private static Part part(
      RecommendationSystem sys, OfflineEvaluator ev, EvaluationSet set, String label) {
    RecommendationModels m = sys.service().models();
    Catalog catalog = sys.data().catalog();
    int n = catalog.size();
    List<MetricRow> rows = new ArrayList<>();
    ItemScorer[] baselines = {m.popularity(), m.trending(), m.itemKnn(), sys.ease().model()};
    for (ItemScorer s : baselines) {
      rows.add(ev.evaluate(new FullRanking(s, "baseline: " + s.name(), n, 200), set, true));
    }
    List<ItemScorer> generators = new ArrayList<>();
    generators.add(m.tower().copyForThread());
    generators.add(new WalsScorer(m.wals()));
    if (m.easeHalfLife() > 0) {
      generators.add(EaseSelection.recent(m.ease(), m.easeHalfLife()));
    }
    generators.add(new GenreModel(catalog, m.popularity()));
    for (ItemScorer s : generators) {
      rows.add(ev.evaluate(new FullRanking(s, "generator: " + s.name(), n, 200), set, true));
    }
    boolean fallback = sys.params().serving().fallbackHistory() > 0;
    if (fallback) {
      RecommendationService ranked =
          new RecommendationService(
              sys.service().models(), sys.params().serving().withFallbackHistory(0));
      rows.add(ev.evaluate(new PipelineRecommender(ranked, NO_FALLBACK), set, false));
    }
    rows.add(
        ev.evaluate(
            new PipelineRecommender(withoutReRanking(sys), "pipeline, no re-ranking"), set, false));
    MetricRow full =
        ev.evaluate(new PipelineRecommender(sys.service(), "full pipeline"), set, false);
    rows.add(full);
    RankingDataset merged = RankingDataset.build(sys.service(), set, 0.0, 1L);
    Map<String, ConfidenceInterval> paired = new LinkedHashMap<>();
    List<String> refs = new ArrayList<>(Part.REFERENCES);
    if (fallback) {
      refs.add(NO_FALLBACK);
    }
    for (String ref : refs) {
      MetricRow r = rows.stream().filter(x -> x.name().equals(ref)).findFirst().orElseThrow();
      paired.put(
          ref,
          Bootstrap.of(sys.params().pairedBootstrapSeed())
              .pairedMeanDifference(full.perQueryNdcg10(), r.perQueryNdcg10()));
    }
    MetricRow tower = rows.stream().filter(x -> x.name().equals(TOWER)).findFirst().orElseThrow();
    MetricRow wals = rows.stream().filter(x -> x.name().equals(WALS)).findFirst().orElseThrow();
    return new Part(
        label,
        set.size(),
        set.skipped(),
        List.copyOf(rows),
        merged.meanCandidates(),
        merged.mergedRecall(),
        java.util.Collections.unmodifiableMap(paired),
        Bootstrap.of(sys.params().pairedBootstrapSeed())
            .pairedMeanDifference(tower.perQueryNdcg10(), wals.perQueryNdcg10()));
  }

  /** The same service with re-ranking switched off (no diversity, no freshness). */
  private static RecommendationService withoutReRanking(RecommendationSystem sys) {
    ServingParams sp = sys.params().serving();
    return new RecommendationService(
        sys.service().models(),
        new ServingParams(
            sp.towerCandidates(),
            sp.walsCandidates(),
            sp.knnCandidates(),
            sp.popularCandidates(),
            sp.trendingCandidates(),
            sp.genreCandidates(),
            sp.easeCandidates(),
            sp.easeRecentCandidates(),
            sp.ef(),
            0f,
            sp.freshnessHorizonYears(),
            1000,
            1.0,
            sp.mmrWindow(),
            sp.fallbackHistory()));
  }

  /** The share of the exact two-tower top k (watched removed) that HNSW returns at ef. */
  private static double annRecall(RecommendationModels m, EvaluationSet set, int k, int ef) {
    TwoTowerScorer tower = m.tower().copyForThread();
    int n = m.catalog().size();
    float[] scores = new float[n];
    boolean[] seen = new boolean[n];
    TopItems top = new TopItems(k);
    int[] exact = new int[k];
    TopKCollector c = new TopKCollector(k);
    VectorIndex.Searcher s = m.towerIndex().newSearcher();
    UserRequest req = new UserRequest(256);
    double sum = 0;
    for (int q = 0; q < set.size(); q++) {
      set.request(q, req);
      // MIPS-augmented query: the index's vectors carry one more component
      float[] u = Arrays.copyOf(tower.userVector(req), tower.dimension() + 1);
      tower.scoreAll(req, scores);
      for (int h = 0; h < req.length; h++) {
        seen[req.items[h]] = true;
      }
      int got = top.select(scores, seen, k, exact);
      c.reset();
      s.search(u, new SearchParams(ef), id -> !seen[id], c);
      int[] approx = c.ids();
      Arrays.sort(approx);
      int hits = 0;
      for (int i = 0; i < got; i++) {
        hits += Arrays.binarySearch(approx, exact[i]) >= 0 ? 1 : 0;
      }
      sum += (double) hits / Math.max(1, got);
      for (int h = 0; h < req.length; h++) {
        seen[req.items[h]] = false;
      }
    }
    return sum / Math.max(1, set.size());
  }
}
