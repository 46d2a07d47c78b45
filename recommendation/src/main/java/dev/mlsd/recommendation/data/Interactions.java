package dev.mlsd.recommendation.data;

/**
 * The interaction log (ratings) as parallel primitive arrays, sorted by user, then timestamp, then
 * item (so ties in time break by id and every split is deterministic). Users are dense indices
 * {@code 0 .. userCount()-1}; the rows of user {@code u} are {@code [start(u), end(u))}.
 *
 * <p>Thread safety: immutable after construction; accessors return the backing arrays for speed and
 * callers must not modify them.
 */
public final class Interactions {
  private final int[] userIds;
  private final int[] userStart;
  private final int[] items;
  private final float[] ratings;
  private final long[] timestamps;

  /**
   * @param userIds the MovieLens userId of each dense user index
   * @param userStart length {@code userIds.length + 1}: row offsets, non-decreasing
   * @param items item index of each row
   * @param ratings stars of each row
   * @param timestamps seconds since the epoch of each row
   */
  public Interactions(
      int[] userIds, int[] userStart, int[] items, float[] ratings, long[] timestamps) {
    if (userStart.length != userIds.length + 1) {
      throw new IllegalArgumentException("userStart must have userIds.length + 1 entries");
    }
    int n = items.length;
    if (ratings.length != n || timestamps.length != n || userStart[userIds.length] != n) {
      throw new IllegalArgumentException("interaction arrays differ in length");
    }
    for (int u = 0; u < userIds.length; u++) {
      if (userStart[u] > userStart[u + 1]) {
        throw new IllegalArgumentException("userStart decreases at user " + u);
      }
      for (int r = userStart[u] + 1; r < userStart[u + 1]; r++) {
        if (timestamps[r] < timestamps[r - 1]) {
          throw new IllegalArgumentException("rows of user " + u + " are not in time order");
        }
      }
    }
    this.userIds = userIds;
    this.userStart = userStart;
    this.items = items;
    this.ratings = ratings;
    this.timestamps = timestamps;
  }

  /** The number of users. */
  public int userCount() {
    return userIds.length;
  }

  /** The number of rows. */
  public int size() {
    return items.length;
  }

  /** The MovieLens userId of a dense user index. */
  public int userId(int user) {
    return userIds[user];
  }

  /** The dense index of a MovieLens userId, or -1. Linear in the number of users. */
  public int userOf(int userId) {
    for (int u = 0; u < userIds.length; u++) {
      if (userIds[u] == userId) {
        return u;
      }
    }
    return -1;
  }

  /** First row of a user. */
  public int start(int user) {
    return userStart[user];
  }

  /** One past the last row of a user. */
  public int end(int user) {
    return userStart[user + 1];
  }

  /** Item index of a row. */
  public int item(int row) {
    return items[row];
  }

  /** Stars of a row. */
  public float rating(int row) {
    return ratings[row];
  }

  /** Seconds since the epoch of a row. */
  public long timestamp(int row) {
    return timestamps[row];
  }

  /** The backing item array (read only). */
  public int[] items() {
    return items;
  }

  /** The backing rating array (read only). */
  public float[] ratings() {
    return ratings;
  }

  /** The backing timestamp array (read only). */
  public long[] timestamps() {
    return timestamps;
  }
}
