package dev.mlsd.harmful.serving;

import dev.mlsd.core.metrics.online.Prevalence;
import dev.mlsd.core.metrics.online.ProactiveRate;
import dev.mlsd.core.metrics.online.ValidAppealRate;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * The book's online metrics of the integrity system, counted live as posts, user reports and
 * appeals arrive, and exposed on {@code /metrics}:
 *
 * <ul>
 *   <li><b>prevalence</b>: harmful posts that were not prevented (allowed) over all posts ({@link
 *       Prevalence});
 *   <li><b>harmful impressions</b>: impressions of harmful posts that stayed up (allowed in full,
 *       demoted at the demoted share);
 *   <li><b>proactive rate</b>: harmful posts the system acted on first (removed or demoted at post
 *       time) over those plus harmful posts users reported first ({@link ProactiveRate});
 *   <li><b>user reports per harmful post</b>: reports received on harmful posts over harmful posts;
 *   <li><b>valid appeals</b>: appeals that reversed a decision over posts the system acted on
 *       ({@link ValidAppealRate}).
 * </ul>
 *
 * <p>Two things a platform measures that a replay must state: which posts are harmful (a platform
 * samples and hand-labels posts to estimate prevalence; here a {@code GroundTruth}, the crowd
 * label, stands in) and how many impressions a post gets (here {@link Exposure}: a fixed number per
 * post that stays up, a share of it when demoted, none when removed, since the system decides
 * before anyone sees the post). Without ground truth the harm-dependent counters stay 0.
 *
 * <p>Thread safety: thread-safe (adders).
 *
 * <p>Book: chapter 5, "Evaluation: online metrics".
 */
public final class OnlineMetrics {
  /**
   * Impressions a post gets by its action.
   *
   * @param perPost impressions of a post that stays up
   * @param demotedShare the share a demoted post keeps, in [0, 1]
   */
  public record Exposure(int perPost, double demotedShare) {
    /** The replay's default: 100 impressions, a demoted post keeps 10%. */
    public static final Exposure DEFAULT = new Exposure(100, 0.1);

    /** Impressions under an action. */
    public long impressions(Action a) {
      return switch (a) {
        case ALLOW -> perPost;
        case DEMOTE -> Math.round(perPost * demotedShare);
        case REMOVE -> 0;
      };
    }
  }

  private final LongFunction<Boolean> groundTruth;
  private final Exposure exposure;
  private final LongAdder posts = new LongAdder();
  private final LongAdder removed = new LongAdder();
  private final LongAdder demoted = new LongAdder();
  private final LongAdder impressions = new LongAdder();
  private final LongAdder harmfulPosts = new LongAdder();
  private final LongAdder harmfulNotPrevented = new LongAdder();
  private final LongAdder harmfulImpressions = new LongAdder();
  private final LongAdder detectedBySystem = new LongAdder();
  private final LongAdder reportedByUsersFirst = new LongAdder();
  private final LongAdder reports = new LongAdder();
  private final LongAdder reportsOnHarmful = new LongAdder();
  private final LongAdder appeals = new LongAdder();
  private final LongAdder reversedAppeals = new LongAdder();

  /**
   * @param groundTruth whether a post is harmful (null if unknown), or null for none
   * @param exposure the impression model
   */
  public OnlineMetrics(LongFunction<Boolean> groundTruth, Exposure exposure) {
    this.groundTruth = groundTruth;
    this.exposure = exposure;
  }

  private boolean harmful(long postId) {
    Boolean h = groundTruth == null ? null : groundTruth.apply(postId);
    return h != null && h;
  }

  /** A new post got its action. */
  public void onPost(long postId, Action action) {
    posts.increment();
    long shown = exposure.impressions(action);
    impressions.add(shown);
    if (action == Action.REMOVE) {
      removed.increment();
    } else if (action == Action.DEMOTE) {
      demoted.increment();
    }
    if (harmful(postId)) {
      harmfulPosts.increment();
      if (action == Action.ALLOW) {
        harmfulNotPrevented.increment();
      } else {
        detectedBySystem.increment();
      }
      if (action != Action.REMOVE) {
        harmfulImpressions.add(shown);
      }
    }
  }

  /**
   * A user reported a post.
   *
   * @param firstReport whether it is the post's first report
   * @param systemActed whether the system had removed or demoted it at post time
   */
  public void onUserReport(long postId, boolean firstReport, boolean systemActed) {
    reports.increment();
    if (harmful(postId)) {
      reportsOnHarmful.increment();
      if (firstReport && !systemActed) {
        reportedByUsersFirst.increment();
      }
    }
  }

  /** An author appealed. */
  public void onAppeal() {
    appeals.increment();
  }

  /** A reviewer reversed an appealed decision. */
  public void onAppealReversed() {
    reversedAppeals.increment();
  }

  /** The metrics now. */
  public Snapshot snapshot() {
    long p = posts.sum();
    long found = detectedBySystem.sum();
    long reportedFirst = reportedByUsersFirst.sum();
    long harmfulCount = harmfulPosts.sum();
    long acted = removed.sum() + demoted.sum();
    return new Snapshot(
        p,
        removed.sum(),
        demoted.sum(),
        harmfulCount,
        p == 0 ? Double.NaN : Prevalence.compute(harmfulNotPrevented.sum(), p),
        harmfulImpressions.sum(),
        impressions.sum(),
        found + reportedFirst == 0 ? Double.NaN : ProactiveRate.compute(found, reportedFirst),
        harmfulCount == 0 ? Double.NaN : (double) reportsOnHarmful.sum() / harmfulCount,
        reports.sum(),
        appeals.sum(),
        reversedAppeals.sum(),
        acted == 0 ? Double.NaN : ValidAppealRate.compute(reversedAppeals.sum(), acted));
  }

  /**
   * The online metrics at one moment.
   *
   * @param posts posts scored
   * @param removed posts removed at post time
   * @param demoted posts demoted at post time
   * @param harmfulPosts posts the ground truth calls harmful
   * @param prevalence harmful posts allowed over all posts
   * @param harmfulImpressions impressions of harmful posts that stayed up
   * @param impressions all impressions
   * @param proactiveRate harmful posts found by the system first over those plus the ones users
   *     reported first
   * @param userReportsPerHarmfulPost reports on harmful posts over harmful posts
   * @param userReports all user reports
   * @param appeals appeals received
   * @param reversedAppeals appeals that reversed the decision
   * @param validAppealRate reversed appeals over posts removed or demoted
   */
  public record Snapshot(
      long posts,
      long removed,
      long demoted,
      long harmfulPosts,
      double prevalence,
      long harmfulImpressions,
      long impressions,
      double proactiveRate,
      double userReportsPerHarmfulPost,
      long userReports,
      long appeals,
      long reversedAppeals,
      double validAppealRate) {}

  /** Registers the metrics as gauges ({@code mlsd_integrity_*}) in a registry. */
  public void bind(MeterRegistry registry) {
    Gauge.builder("mlsd_integrity_prevalence", this, m -> m.snapshot().prevalence())
        .description("harmful posts not prevented over all posts")
        .register(registry);
    Gauge.builder("mlsd_integrity_harmful_impressions", this, m -> m.harmfulImpressions.sum())
        .register(registry);
    Gauge.builder("mlsd_integrity_proactive_rate", this, m -> m.snapshot().proactiveRate())
        .register(registry);
    Gauge.builder(
            "mlsd_integrity_user_reports_per_harmful_post",
            this,
            m -> m.snapshot().userReportsPerHarmfulPost())
        .register(registry);
    Gauge.builder("mlsd_integrity_valid_appeal_rate", this, m -> m.snapshot().validAppealRate())
        .register(registry);
    Gauge.builder("mlsd_integrity_posts", this, m -> m.posts.sum()).register(registry);
    Gauge.builder("mlsd_integrity_posts_removed", this, m -> m.removed.sum()).register(registry);
    Gauge.builder("mlsd_integrity_posts_demoted", this, m -> m.demoted.sum()).register(registry);
    Gauge.builder("mlsd_integrity_user_reports", this, m -> m.reports.sum()).register(registry);
    Gauge.builder("mlsd_integrity_appeals", this, m -> m.appeals.sum()).register(registry);
  }
}
