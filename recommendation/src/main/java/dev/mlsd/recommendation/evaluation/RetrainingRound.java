package dev.mlsd.recommendation.evaluation;

import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import dev.mlsd.recommendation.data.Interactions;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.features.UserRequest;
import dev.mlsd.recommendation.model.EaseModel;
import dev.mlsd.recommendation.model.FeedbackMatrix;
import dev.mlsd.recommendation.model.ItemKnnModel;
import dev.mlsd.recommendation.model.ItemScorer;
import dev.mlsd.recommendation.model.PopularityModel;
import dev.mlsd.recommendation.serving.RecoRequest;
import dev.mlsd.recommendation.serving.RecommendationModels;
import dev.mlsd.recommendation.serving.RecommendationService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A retraining round after the replayed period, compared with the frozen model on the next period,
 * and the replayed period's hit rate of simple models (the reference point of the HTTP replay's).
 *
 * <p>The test period's watches in time order ({@link OnlineReplay#testRowsInTimeOrder}) are cut in
 * three: the replayed prefix ({@code replayed} watches), the next period (the {@code next} watches
 * after it), the rest unused. The <b>refresh</b> retrains the cheap parts on every user's rows up
 * to the end of the replayed period (training, validation and the replayed test rows): popularity,
 * item-kNN and EASE (at the {@code λ} chosen on validation, pruned as served). The two-tower model,
 * WALS, trending and the ranker stay frozen: the refreshed pipeline is the frozen one with those
 * three models swapped under the same ranker. Both pipelines then serve each next-period watch as
 * the replay does: the user's history is every row before it, the time is the watch's, and a hit is
 * the watched video in the top {@value OnlineReplay#K}.
 *
 * <p>Hit rates are per watch; the paired interval is a bootstrap over the next period's users (each
 * user's hits over their watches, refreshed minus frozen, the same users on both sides).
 *
 * <p>Book: chapter 6, "Serving and monitoring" (retraining); chapter 1, "Monitoring" (continual
 * learning: retrain on fresh data, compare with the serving model before promoting).
 *
 * @param replayed watches in the replayed period
 * @param next watches in the next period
 * @param nextUsers distinct users in the next period
 * @param replayHitRate hit rate of each reference model on the replayed watches (the same protocol
 *     as the HTTP replay), by name
 * @param frozen hit rate on the next period of each frozen model, by name
 * @param refreshed hit rate on the next period of each refreshed model, by name
 * @param difference refreshed minus frozen, per-user hit rate, 95% paired bootstrap, by name
 * @param refreshMillis time to refit popularity, item-kNN and EASE
 */
public record RetrainingRound(
    int replayed,
    int next,
    int nextUsers,
    Map<String, Double> replayHitRate,
    Map<String, Double> frozen,
    Map<String, Double> refreshed,
    Map<String, ConfidenceInterval> difference,
    long refreshMillis) {

  /** The compared models, in print order. */
  public static final List<String> MODELS = List.of("popularity", "EASE", "full pipeline");

  /**
   * Refreshes the cheap models after {@code replayed} test watches and compares on the next {@code
   * next}.
   *
   * @param service the frozen served system
   * @param split the split the system was trained on
   * @param replayed watches replayed (the HTTP replay's count), at least 1
   * @param next watches of the next period, at least 1
   * @param knnNeighbours item-kNN's neighbours per item (as trained)
   * @param bootstrapSeed seed of the paired bootstrap
   */
  public static RetrainingRound run(
      RecommendationService service,
      TimeSplit split,
      int replayed,
      int next,
      int knnNeighbours,
      long bootstrapSeed) {
    if (replayed < 1 || next < 1) {
      throw new IllegalArgumentException("replayed and next must be >= 1");
    }
    Interactions log = split.interactions();
    long[] order = OnlineReplay.testRowsInTimeOrder(split);
    int cut = Math.min(replayed, order.length);
    int stop = Math.min(cut + next, order.length);
    RecommendationModels frozen = service.models();

    long t0 = System.nanoTime();
    FeedbackMatrix m =
        FeedbackMatrix.upTo(log, frozen.catalog().size(), endOfReplay(split, order, cut));
    EaseModel ease = EaseModel.train(m, frozen.ease().params()).pruned(frozen.ease().keep());
    RecommendationModels fresh =
        new RecommendationModels(
            frozen.catalog(),
            frozen.features(),
            frozen.wals(),
            frozen.tower(),
            new PopularityModel(m),
            frozen.trending(),
            new ItemKnnModel(m, knnNeighbours),
            ease,
            frozen.easeHalfLife(),
            frozen.itemMeanStars(),
            frozen.franchise(),
            frozen.towerIndex(),
            frozen.walsIndex(),
            frozen.ranker());
    long refreshMillis = (System.nanoTime() - t0) / 1_000_000;

    int items = frozen.catalog().size();
    Hits replay = new Hits(log, items, order, 0, cut);
    replay.scorer("popularity", frozen.popularity());
    replay.scorer("EASE", EaseSelection.recent(frozen.ease(), frozen.easeHalfLife()));
    // the served pipeline again, in process: its user tower reads the request's time, where the
    // server's stored user state holds the tower output as of the user's last posted watch
    replay.pipeline("full pipeline (in process)", service);
    Hits before = new Hits(log, items, order, cut, stop);
    Hits after = new Hits(log, items, order, cut, stop);
    before.scorer("popularity", frozen.popularity());
    after.scorer("popularity", fresh.popularity());
    before.scorer("EASE", EaseSelection.recent(frozen.ease(), frozen.easeHalfLife()));
    after.scorer("EASE", EaseSelection.recent(ease, frozen.easeHalfLife()));
    before.pipeline("full pipeline", service);
    after.pipeline("full pipeline", new RecommendationService(fresh, service.params()));

    Map<String, ConfidenceInterval> diff = new LinkedHashMap<>();
    for (String name : MODELS) {
      diff.put(
          name,
          Bootstrap.of(bootstrapSeed)
              .pairedMeanDifference(after.perUser(name), before.perUser(name)));
    }
    return new RetrainingRound(
        cut,
        stop - cut,
        before.users(),
        replay.rates(),
        before.rates(),
        after.rates(),
        diff,
        refreshMillis);
  }

  /** Per user, one past their last row up to the replay's end (training, validation, replayed). */
  private static int[] endOfReplay(TimeSplit split, long[] order, int cut) {
    Interactions log = split.interactions();
    int[] end = new int[log.userCount()];
    for (int u = 0; u < end.length; u++) {
      end[u] = split.isCold(u) ? split.trainEnd(u) : split.valEnd(u);
    }
    for (int e = 0; e < cut; e++) {
      int row = (int) order[e];
      int u = OnlineReplay.userOf(log, row);
      end[u] = Math.max(end[u], row + 1);
    }
    return end;
  }

  /** What the demo prints. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "reference hit rates on the same %d replayed watches (same protocol, in process):",
                replayed));
    replayHitRate.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.4f;", k, v)));
    out.add(sb.toString());
    out.add(
        String.format(
            Locale.ROOT,
            "retraining round: popularity, item-kNN and EASE refitted on every row up to the end of"
                + " the replayed period (%d ms); frozen vs refreshed hit rate of the top %d on the"
                + " next %d watches (%d users), paired bootstrap over users:",
            refreshMillis,
            OnlineReplay.K,
            next,
            nextUsers));
    for (String name : MODELS) {
      ConfidenceInterval d = difference.get(name);
      out.add(
          String.format(
              Locale.ROOT,
              "  %-14s frozen %.4f, refreshed %.4f, difference %+.4f [%+.4f, %+.4f]%s",
              name,
              frozen.get(name),
              refreshed.get(name),
              d.estimate(),
              d.lower(),
              d.upper(),
              d.lower() > 0 || d.upper() < 0 ? "" : " (inside the noise)"));
    }
    return out;
  }

  /** Hits of several models over one slice of the time-ordered test watches. */
  private static final class Hits {
    private final Interactions log;
    private final int items;
    private final long[] order;
    private final int from;
    private final int to;
    private final int[] userOf;
    private final int[] slot;
    private final int users;
    private final Map<String, boolean[]> hits = new LinkedHashMap<>();

    Hits(Interactions log, int items, long[] order, int from, int to) {
      this.log = log;
      this.items = items;
      this.order = order;
      this.from = from;
      this.to = to;
      this.userOf = new int[to - from];
      this.slot = new int[log.userCount()];
      java.util.Arrays.fill(slot, -1);
      int n = 0;
      for (int e = from; e < to; e++) {
        int u = OnlineReplay.userOf(log, (int) order[e]);
        userOf[e - from] = u;
        if (slot[u] < 0) {
          slot[u] = n++;
        }
      }
      this.users = n;
    }

    int users() {
      return users;
    }

    /** Hit or not per watch: the model's top K over the catalogue minus the history. */
    void scorer(String name, ItemScorer model) {
      UserRequest r = new UserRequest(256);
      float[] scores = new float[items];
      boolean[] hit = new boolean[to - from];
      for (int e = from; e < to; e++) {
        int row = (int) order[e];
        int u = userOf[e - from];
        r.fill(log, u, log.start(u), row, log.timestamp(row));
        model.scoreAll(r, scores);
        hit[e - from] = inTopK(scores, r, log.item(row));
      }
      hits.put(name, hit);
    }

    /** Hit or not per watch: the served list at the watch's time. */
    void pipeline(String name, RecommendationService service) {
      RecoRequest q = service.newRequest();
      UserRequest r = new UserRequest(256);
      int[] list = new int[OnlineReplay.K];
      boolean[] hit = new boolean[to - from];
      for (int e = from; e < to; e++) {
        int row = (int) order[e];
        int u = userOf[e - from];
        q.user.copyFrom(r.fill(log, u, log.start(u), row, log.timestamp(row)));
        int n = service.recommend(q, OnlineReplay.K, list);
        for (int i = 0; i < n; i++) {
          hit[e - from] |= list[i] == log.item(row);
        }
      }
      hits.put(name, hit);
    }

    /** Whether {@code item} ranks in the top K of {@code scores}, watched videos left out. */
    private static boolean inTopK(float[] scores, UserRequest r, int item) {
      // the history is short; a linear scan per comparison keeps this allocation-free
      float s = scores[item];
      int better = 0;
      for (int i = 0; i < scores.length && better < OnlineReplay.K; i++) {
        if (i != item && (scores[i] > s || (scores[i] == s && i < item)) && !watched(r, i)) {
          better++;
        }
      }
      return better < OnlineReplay.K && !watched(r, item);
    }

    private static boolean watched(UserRequest r, int item) {
      for (int h = 0; h < r.length; h++) {
        if (r.items[h] == item) {
          return true;
        }
      }
      return false;
    }

    Map<String, Double> rates() {
      Map<String, Double> out = new LinkedHashMap<>();
      hits.forEach(
          (name, hit) -> {
            int n = 0;
            for (boolean h : hit) {
              n += h ? 1 : 0;
            }
            out.put(name, hit.length == 0 ? Double.NaN : (double) n / hit.length);
          });
      return out;
    }

    /** Each user's share of hits, users in first-seen order. */
    double[] perUser(String name) {
      boolean[] hit = hits.get(name);
      double[] sum = new double[users];
      int[] count = new int[users];
      for (int e = 0; e < hit.length; e++) {
        int s = slot[userOf[e]];
        sum[s] += hit[e] ? 1 : 0;
        count[s]++;
      }
      for (int s = 0; s < users; s++) {
        sum[s] /= count[s];
      }
      return sum;
    }
  }
}
