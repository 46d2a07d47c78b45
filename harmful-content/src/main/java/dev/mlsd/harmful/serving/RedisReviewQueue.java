package dev.mlsd.harmful.serving;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
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
 * {@link #claim} reads the reviewer's pending entries first ({@code XREADGROUP ... 0}), then new
 * ones ({@code XREADGROUP ... >}); {@link #acknowledge} runs {@code XACK}, {@code XDEL} and {@code
 * HDEL}. An entry claimed but not acknowledged stays in the group's pending list, in Redis, so a
 * restart of this server loses nothing: the same reviewer gets it back on the next claim ({@code
 * RedisReviewQueueTest} restarts the queue mid-review). Items a reviewer never comes back for stay
 * theirs; moving them to another reviewer ({@code XAUTOCLAIM}) is the next step a deployment would
 * add.
 *
 * <p>Failures: a connection or timeout failure throws {@link ReviewQueueUnavailableException} (the
 * HTTP layer answers 503), never anything that would surface as a 500.
 *
 * <p>Thread safety: thread-safe (a pooled client).
 */
public final class RedisReviewQueue implements ReviewQueue {
  private static final String GROUP = "reviewers";
  private static final String RESERVED = "-";

  private final RedisClient redis;
  private final String stream;
  private final String ids;

  /**
   * Connects and creates the stream and its group if missing.
   *
   * @param url {@code redis://[user:password@]host:port[/db]}
   * @param prefix key prefix, e.g. {@code "harmful:review:"}
   */
  public RedisReviewQueue(String url, String prefix) {
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
