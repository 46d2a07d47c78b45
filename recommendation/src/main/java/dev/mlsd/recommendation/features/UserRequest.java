package dev.mlsd.recommendation.features;

/**
 * One recommendation request: who asks (a known user index, or -1 for an anonymous user), the
 * history known at request time (oldest first), and the request's time. Mutable and reusable: the
 * serving path keeps one per thread and refills it per request, so nothing is allocated.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class UserRequest {
  /** Known user index, or -1 for an anonymous (cold-start) user. */
  public int user = -1;

  /** History item indices, oldest first; the first {@link #length} are valid. */
  public int[] items;

  /** History stars, parallel to {@link #items}. */
  public float[] ratings;

  /** History length. */
  public int length;

  /** Timestamp of the last history row, seconds since the epoch (0 when there is none). */
  public long lastSeconds;

  /** The request's time, seconds since the epoch. */
  public long nowSeconds;

  /**
   * @param capacity the longest history this request can hold
   */
  public UserRequest(int capacity) {
    items = new int[capacity];
    ratings = new float[capacity];
  }

  /** Empties the history and sets the time. */
  public UserRequest reset(int user, long nowSeconds) {
    this.user = user;
    this.length = 0;
    this.lastSeconds = 0;
    this.nowSeconds = nowSeconds;
    return this;
  }

  /** Appends one history row, growing the arrays if needed (only then does it allocate). */
  public UserRequest add(int item, float rating, long seconds) {
    if (length == items.length) {
      items = java.util.Arrays.copyOf(items, Math.max(8, length * 2));
      ratings = java.util.Arrays.copyOf(ratings, items.length);
    }
    items[length] = item;
    ratings[length] = rating;
    length++;
    lastSeconds = Math.max(lastSeconds, seconds);
    return this;
  }

  /** Fills this request from a slice of the log. */
  public UserRequest fill(
      dev.mlsd.recommendation.data.Interactions log, int user, int from, int to, long now) {
    reset(user, now);
    for (int r = from; r < to; r++) {
      add(log.item(r), log.rating(r), log.timestamp(r));
    }
    return this;
  }

  /**
   * Makes this request a copy of another: the same user, history, ratings and times (history
   * timestamps are not kept per row, only {@link #lastSeconds}).
   */
  public UserRequest copyFrom(UserRequest from) {
    reset(from.user, from.nowSeconds);
    for (int h = 0; h < from.length; h++) {
      add(from.items[h], from.ratings[h], 0);
    }
    lastSeconds = from.lastSeconds;
    return this;
  }
}
