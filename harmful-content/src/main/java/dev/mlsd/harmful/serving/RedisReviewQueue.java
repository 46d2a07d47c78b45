package dev.mlsd.harmful.serving;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The {@link ReviewQueue} on a Redis Stream with one consumer group; each reviewer is a consumer.
 *
 * <ul>
 *   <li>{@code <prefix>stream}: one entry per queued item ({@link ReviewItem#toFields()});
 *   <li>{@code <prefix>ids}: a hash from post id to its entry id, so a decision can acknowledge by
 *       post id and a post is never queued twice.
 * </ul>
 *
 * {@link #claim} reads, in this order: the reviewer's own pending entries ({@code XREADGROUP ...
 * 0}); entries other reviewers claimed and left undecided for longer than the claim timeout, which
 * become this reviewer's ({@code XAUTOCLAIM}, counted by {@link #reclaimed()}); then new ones
 * ({@code XREADGROUP ... >}). {@link #acknowledge} runs {@code XACK}, {@code XDEL} and {@code
 * HDEL}. An entry claimed but not acknowledged stays in the group's pending list, in Redis, so a
 * restart of this server loses nothing: the same reviewer gets it back on the next claim, or
 * another reviewer once the timeout has passed ({@code RedisReviewQueueTest} restarts the queue
 * mid-review and abandons a claim).
 *
 * <p>Failures: a connection or timeout failure throws {@link ReviewQueueUnavailableException} (the
 * HTTP layer answers 503), never anything that would surface as a 500.
 *
 * <p>Thread safety: thread-safe (a pooled client).
 */
public final class RedisReviewQueue implements ReviewQueue {
  private static final String GROUP = "reviewers";
  private static final String RESERVED = "-";

  /** How long a claimed, undecided item stays with its reviewer by default: 15 minutes. */
  public static final Duration DEFAULT_CLAIM_TIMEOUT = Duration.ofMinutes(15);

  private final RedisClient redis;
  private final String stream;
  private final String ids;
  private final long claimTimeoutMillis;
  private final LongAdder reclaimed = new LongAdder();

  /**
   * Connects with the {@linkplain #DEFAULT_CLAIM_TIMEOUT default claim timeout}.
   *
   * @see #RedisReviewQueue(String, String, Duration)
   */
  public RedisReviewQueue(String url, String prefix) {
    this(url, prefix, DEFAULT_CLAIM_TIMEOUT);
  }

  /**
   * Connects and creates the stream and its group if missing.
   *
   * @param url {@code redis://[user:password@]host:port[/db]}
   * @param prefix key prefix, e.g. {@code "harmful:review:"}
   * @param claimTimeout how long an item may stay claimed and undecided (idle, in Redis's terms)
   *     before another reviewer's claim takes it over; positive
   */
  public RedisReviewQueue(String url, String prefix, Duration claimTimeout) {
    if (claimTimeout.isNegative() || claimTimeout.isZero()) {
      throw new IllegalArgumentException("claim timeout must be positive, got " + claimTimeout);
    }
    this.claimTimeoutMillis = claimTimeout.toMillis();
    URI uri = URI.create(url);
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(8);
    pool.setMaxIdle(8);
    pool.setMaxWait(java.time.Duration.ofSeconds(2));
    pool.setJmxEnabled(false);
    this.redis =
        RedisClient.builder()
            .hostAndPort(JedisURIHelper.getHostAndPort(uri))
            .clientConfig(
                DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(2000)
                    .socketTimeoutMillis(2000)
                    .user(JedisURIHelper.getUser(uri))
                    .password(JedisURIHelper.getPassword(uri))
                    .database(JedisURIHelper.hasDbIndex(uri) ? JedisURIHelper.getDBIndex(uri) : 0)
                    .clientName("mlsd-review-queue")
                    .build())
            .poolConfig(pool)
            .build();
    this.stream = prefix + "stream";
    this.ids = prefix + "ids";
    try {
      redis.xgroupCreate(stream, GROUP, new StreamEntryID(0, 0), true);
    } catch (JedisDataException e) {
      if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
        throw e;
      }
    } catch (JedisException e) {
      redis.close();
      throw new ReviewQueueUnavailableException(
          "review queue: Redis unreachable at " + uri.getHost(), e);
    }
  }

  @Override
  public boolean enqueue(ReviewItem item) {
    String post = Long.toString(item.postId());
    try {
      if (redis.hsetnx(ids, post, RESERVED) == 0) {
        return false;
      }
      StreamEntryID id = redis.xadd(stream, StreamEntryID.NEW_ENTRY, item.toFields());
      redis.hset(ids, post, id.toString());
      return true;
    } catch (JedisException e) {
      throw unavailable(e);
    }
  }

  @Override
  public List<ReviewItem> claim(String reviewer, int max) {
    List<ReviewItem> out = new ArrayList<>();
    try {
      read(reviewer, max, new StreamEntryID(0, 0), out);
      takeOverAbandoned(reviewer, max, out);
      if (out.size() < max) {
        read(reviewer, max - out.size(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY, out);
      }
    } catch (JedisException e) {
      throw unavailable(e);
    }
    return out;
  }

  private void read(String reviewer, int count, StreamEntryID from, List<ReviewItem> out) {
    List<Map.Entry<String, List<StreamEntry>>> r =
        redis.xreadGroup(
            GROUP,
            reviewer,
            XReadGroupParams.xReadGroupParams().count(count),
            Map.of(stream, from));
    if (r == null) {
      return;
    }
    for (Map.Entry<String, List<StreamEntry>> e : r) {
      for (StreamEntry entry : e.getValue()) {
        // a pending entry deleted meanwhile comes back without fields
        if (entry.getFields() != null && !entry.getFields().isEmpty()) {
          out.add(ReviewItem.fromFields(entry.getFields()));
        }
      }
    }
  }

  /** XAUTOCLAIM: entries idle for longer than the claim timeout become this reviewer's. */
  private void takeOverAbandoned(String reviewer, int max, List<ReviewItem> out) {
    StreamEntryID cursor = new StreamEntryID(0, 0);
    while (out.size() < max) {
      Map.Entry<StreamEntryID, List<StreamEntry>> r =
          redis.xautoclaim(
              stream,
              GROUP,
              reviewer,
              claimTimeoutMillis,
              cursor,
              XAutoClaimParams.xAutoClaimParams().count(max - out.size()));
      for (StreamEntry entry : r.getValue()) {
        if (entry.getFields() == null || entry.getFields().isEmpty()) {
          continue; // deleted meanwhile
        }
        ReviewItem item = ReviewItem.fromFields(entry.getFields());
        if (out.stream().noneMatch(i -> i.postId() == item.postId())) {
          out.add(item);
          reclaimed.increment();
        }
      }
      cursor = r.getKey();
      if (cursor.equals(new StreamEntryID(0, 0))) {
        return;
      }
    }
  }

  /** Items taken over from a reviewer who left them undecided past the claim timeout. */
  @Override
  public long reclaimed() {
    return reclaimed.sum();
  }

  @Override
  public ReviewItem acknowledge(long postId) {
    String post = Long.toString(postId);
    try {
      String entry = redis.hget(ids, post);
      if (entry == null) {
        return null;
      }
      ReviewItem item = null;
      if (!RESERVED.equals(entry)) {
        StreamEntryID id = new StreamEntryID(entry);
        List<StreamEntry> found = redis.xrange(stream, id, id, 1);
        if (!found.isEmpty()) {
          item = ReviewItem.fromFields(found.getFirst().getFields());
        }
        redis.xack(stream, GROUP, id);
        redis.xdel(stream, id);
      }
      redis.hdel(ids, post);
      return item;
    } catch (JedisException e) {
      throw unavailable(e);
    }
  }

  @Override
  public boolean contains(long postId) {
    try {
      return redis.hexists(ids, Long.toString(postId));
    } catch (JedisException e) {
      throw unavailable(e);
    }
  }

  @Override
  public long size() {
    try {
      return redis.hlen(ids);
    } catch (JedisException e) {
      throw unavailable(e);
    }
  }

  @Override
  public String kind() {
    return "redis";
  }

  @Override
  public void close() {
    redis.close();
  }

  private static ReviewQueueUnavailableException unavailable(JedisException e) {
    return new ReviewQueueUnavailableException("review queue unavailable: " + e.getMessage(), e);
  }
}
