package dev.mlsd.harmful.serving;

import dev.mlsd.core.http.BadRequestException;
import dev.mlsd.core.monitoring.DriftMonitor;
import dev.mlsd.harmful.data.HarmTask;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The book's enforcement pipeline, in run order: the {@link HarmfulContentDetectionService} scores
 * a new post; the {@link EnforcementPolicy} routes it; the {@link ViolationEnforcementService}
 * removes it, or the {@link DemotingService} demotes it and queues it for review, or it is allowed.
 * Users' reports queue an allowed post for review; authors' appeals queue a removed or demoted one.
 * A reviewer's decision sets the post's final state and is appended to the {@link TrainingLog}.
 * Every step updates the {@link OnlineMetrics}; every score feeds the prediction {@link
 * DriftMonitor}.
 *
 * <p>Posts are kept in memory by id, the most recent {@link #DEFAULT_MAX_POSTS} by default (about 2
 * KB each with a 1,000-character text): when a new post would pass the bound, the oldest is evicted
 * and counted ({@link #evictedPosts()}, on {@code /health}); a report, appeal or review of an
 * evicted post then answers 400 "unknown post id". A deployment keeps posts in its post store.
 *
 * <p>Thread safety: thread-safe.
 *
 * <p>Book: chapter 5, "Serving".
 */
public final class EnforcementPipeline {
  private final HarmfulContentDetectionService detection;
  private final EnforcementPolicy policy;
  private final ViolationEnforcementService enforcement = new ViolationEnforcementService();
  private final DemotingService demoting;
  private final ReviewQueue queue;
  private final TrainingLog trainingLog;
  private final OnlineMetrics metrics;
  private final DriftMonitor drift;

  /** Posts kept by default: 100,000. */
  public static final int DEFAULT_MAX_POSTS = 100_000;

  private final ConcurrentHashMap<Long, PostRecord> posts = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Long> arrival = new ConcurrentLinkedQueue<>();
  private final LongAdder evicted = new LongAdder();
  private final int maxPosts;

  /**
   * @param detection scores posts
   * @param policy routes scores to actions
   * @param queue the human review queue
   * @param trainingLog receives reviewer decisions
   * @param metrics the online metrics
   * @param drift the prediction drift monitor (one feature per category), or null
   */
  public EnforcementPipeline(
      HarmfulContentDetectionService detection,
      EnforcementPolicy policy,
      ReviewQueue queue,
      TrainingLog trainingLog,
      OnlineMetrics metrics,
      DriftMonitor drift) {
    this(detection, policy, queue, trainingLog, metrics, drift, DEFAULT_MAX_POSTS);
  }

  /**
   * The same with another bound on the posts kept.
   *
   * @param maxPosts the most posts kept, at least 1; the oldest beyond it are evicted
   */
  public EnforcementPipeline(
      HarmfulContentDetectionService detection,
      EnforcementPolicy policy,
      ReviewQueue queue,
      TrainingLog trainingLog,
      OnlineMetrics metrics,
      DriftMonitor drift,
      int maxPosts) {
    if (maxPosts < 1) {
      throw new IllegalArgumentException("maxPosts must be >= 1, got " + maxPosts);
    }
    this.maxPosts = maxPosts;
    this.detection = detection;
    this.policy = policy;
    this.queue = queue;
    this.demoting = new DemotingService(queue);
    this.trainingLog = trainingLog;
    this.metrics = metrics;
    this.drift = drift;
  }

  /**
   * The answer to a new post.
   *
   * @param postId the post
   * @param action "removed", "demoted" or "allowed"
   * @param category the category behind the action, or null
   * @param confidence the model's probability for that category, or the highest if allowed
   * @param scores the probability of each category by name
   * @param notice what the author is told, or null
   * @param queuedForReview whether the post went to the review queue
   * @param modelVersion the served model's version
   */
  public record PostOutcome(
      long postId,
      String action,
      String category,
      float confidence,
      java.util.Map<String, Float> scores,
      String notice,
      boolean queuedForReview,
      String modelVersion) {}

  /** Scores, routes and enforces a new post. */
  public PostOutcome submit(long postId, String text) {
    float[] p = new float[HarmTask.COUNT];
    detection.score(text, p);
    Action action = policy.route(p);
    int reason = policy.reason(p, action);
    String category = reason < 0 ? null : HarmTask.values()[reason].label();
    PostRecord post =
        new PostRecord(postId, text, p[0], p[1], action, category == null ? "" : category);
    if (posts.putIfAbsent(postId, post) != null) {
      throw BadRequestException.badRequest("post " + postId + " was already submitted");
    }
    arrival.add(postId);
    while (posts.size() > maxPosts) {
      Long oldest = arrival.poll();
      if (oldest == null) {
        break;
      }
      if (posts.remove(oldest) != null) {
        evicted.increment();
      }
    }
    if (drift != null) {
      for (int t = 0; t < p.length; t++) {
        drift.observe(t, p[t]);
      }
    }
    String notice = null;
    boolean queued = false;
    switch (action) {
      case REMOVE -> notice = enforcement.remove(post, category, p[reason]);
      case DEMOTE -> queued = demoting.demote(post, category);
      case ALLOW -> {}
    }
    metrics.onPost(postId, action);
    float confidence = reason < 0 ? Math.max(p[0], p[1]) : p[reason];
    return new PostOutcome(
        postId,
        action.label(),
        category,
        confidence,
        java.util.Map.of(HarmTask.HATE.label(), p[0], HarmTask.OFFENSIVE.label(), p[1]),
        notice,
        queued,
        detection.model().version());
  }

  /** A user reports a post: counted, and an allowed, unreviewed post is queued for review. */
  public java.util.Map<String, Object> report(long postId) {
    PostRecord post = require(postId);
    boolean first = post.report() == 0;
    metrics.onUserReport(postId, first, post.initialAction() != Action.ALLOW);
    boolean queued = false;
    if (post.state() == Action.ALLOW && post.reviewed() == null) {
      queued = demoting.queue(post, ReviewReason.USER_REPORT, "");
    }
    return java.util.Map.of(
        "postId", postId, "reports", post.userReports(), "queuedForReview", queued);
  }

  /** The author appeals a removal or demotion: the post is queued for review. */
  public java.util.Map<String, Object> appeal(long postId) {
    PostRecord post = require(postId);
    if (post.state() == Action.ALLOW) {
      throw BadRequestException.badRequest(
          "post " + postId + " is not removed or demoted; there is nothing to appeal");
    }
    if (!post.appeal()) {
      throw BadRequestException.badRequest("post " + postId + " was already appealed");
    }
    metrics.onAppeal();
    // an appeal of a demoted post still waiting for review joins that review
    boolean queued =
        queue.contains(postId) || demoting.queue(post, ReviewReason.APPEAL, post.category());
    return java.util.Map.of(
        "postId", postId, "status", queued ? "queued for review" : "not queued");
  }

  /** Up to {@code max} items for a reviewer (see {@link ReviewQueue#claim}). */
  public List<ReviewItem> claim(String reviewer, int max) {
    return queue.claim(reviewer, max);
  }

  /**
   * The answer to a review.
   *
   * @param postId the post
   * @param decision the decision
   * @param state the post's state after it
   * @param appealReversed whether it reversed an appealed decision
   * @param trainingExamples examples in the training log so far (this process)
   */
  public record ReviewOutcome(
      long postId, String decision, String state, boolean appealReversed, long trainingExamples) {}

  /** Applies a reviewer's decision on a queued post. */
  public ReviewOutcome review(long postId, ReviewDecision decision, String reviewer) {
    PostRecord post = require(postId);
    ReviewItem item = queue.acknowledge(postId);
    if (item == null) {
      throw BadRequestException.badRequest("post " + postId + " is not in the review queue");
    }
    boolean reversed = false;
    if (decision.harmful()) {
      post.state(Action.REMOVE);
    } else {
      reversed = item.reason() == ReviewReason.APPEAL || post.initialAction() != Action.ALLOW;
      post.state(Action.ALLOW);
      if (reversed && item.reason() == ReviewReason.APPEAL) {
        metrics.onAppealReversed();
      }
    }
    post.reviewed(decision);
    trainingLog.append(
        new LabelledExample(
            postId,
            post.text(),
            decision.label(),
            item.reason().name(),
            reviewer,
            System.currentTimeMillis()));
    return new ReviewOutcome(
        postId,
        decision.label(),
        post.state().label(),
        reversed && item.reason() == ReviewReason.APPEAL,
        trainingLog.appended());
  }

  /** The post, or a 400 naming the unknown id. */
  public PostRecord require(long postId) {
    PostRecord p = posts.get(postId);
    if (p == null) {
      throw BadRequestException.badRequest("unknown post id " + postId);
    }
    return p;
  }

  /** Posts evicted because the bound on posts kept was reached. */
  public long evictedPosts() {
    return evicted.sum();
  }

  /** Posts kept now. */
  public int postsKept() {
    return posts.size();
  }

  /** The online metrics. */
  public OnlineMetrics metrics() {
    return metrics;
  }

  /** The review queue. */
  public ReviewQueue queue() {
    return queue;
  }

  /** The demoting service (for its failure count). */
  public DemotingService demoting() {
    return demoting;
  }

  /** The detection service. */
  public HarmfulContentDetectionService detection() {
    return detection;
  }

  /** The enforcement policy. */
  public EnforcementPolicy policy() {
    return policy;
  }
}
