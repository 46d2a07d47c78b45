package dev.mlsd.recommendation.serving;

import dev.mlsd.core.featurestore.FeatureSchema;
import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.recommendation.data.Interactions;
import java.util.ArrayList;
import java.util.List;

/**
 * The batch half of the user features: for every known user, the two user embeddings (two-tower
 * user tower, WALS fold-in) and the user aggregates, computed offline by the same code as at
 * request time ({@link RecommendationService#prepare}) and materialised into a core {@link
 * FeatureStore} under one schema. A known user's request then reads one row instead of running the
 * user tower and the fold-in over their whole history; an anonymous user, or a known user missing
 * from the store, is computed online. Both paths give the same values (tested), so there is no
 * training/serving skew.
 *
 * <p>Row layout: {@code tower[d_t], wals[d_w], meanYear, logCount, likedShare, meanStars}.
 *
 * <p>Thread safety: immutable; the store is thread-safe.
 *
 * <p>Book: chapter 1 and 6, feature store (batch features) vs online features.
 */
public final class UserStateFeatures {
  private final FeatureSchema schema;
  private final FeatureStore store;
  private final int towerDim;
  private final int walsDim;

  /**
   * @param store where the rows live
   * @param towerDim the two-tower embedding width
   * @param walsDim the WALS factor count
   */
  public UserStateFeatures(FeatureStore store, int towerDim, int walsDim) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < towerDim; j++) {
      names.add("tower_" + j);
    }
    for (int j = 0; j < walsDim; j++) {
      names.add("wals_" + j);
    }
    names.addAll(List.of("mean_year", "log_count", "liked_share", "mean_stars"));
    this.schema = FeatureSchema.withZeroDefaults("recommendation.user-state", 1, names);
    this.store = store;
    this.towerDim = towerDim;
    this.walsDim = walsDim;
  }

  /** The schema. */
  public FeatureSchema schema() {
    return schema;
  }

  /** The store. */
  public FeatureStore store() {
    return store;
  }

  /**
   * The offline job: computes and writes the state of the given users from their rows {@code
   * [start(u), end(u))} at time {@code now}.
   *
   * @param service the recommender (its request-time code computes the values)
   * @param log the interaction log
   * @param users dense user indices to materialise
   * @param now the time the batch represents, seconds since the epoch
   * @return how many rows were written
   */
  public int materialise(RecommendationService service, Interactions log, int[] users, long now) {
    return materialise(service, new UserHistories(log), users, now);
  }

  /**
   * The offline job over the histories a server holds: computes and writes the state of the given
   * users from their whole histories at time {@code now} (or their last watch, if later).
   *
   * @return how many rows were written
   */
  public int materialise(
      RecommendationService service, UserHistories histories, int[] users, long now) {
    RecoRequest q = service.newRequest();
    float[] rows = new float[users.length * schema.dim()];
    for (int i = 0; i < users.length; i++) {
      int u = users[i];
      histories.fill(u, now, q.user);
      service.computeUserState(q);
      write(q, rows, i * schema.dim());
    }
    store.write(schema, users, rows, users.length);
    return users.length;
  }

  /**
   * The online job: recomputes one user's state from the history in {@code q.user} (the batch rows
   * plus the watches posted since) with the same code as {@link #materialise}, and overwrites the
   * user's row.
   *
   * @param service the recommender
   * @param q a request of this thread, {@code q.user} filled with the user's history
   */
  public void refresh(RecommendationService service, RecoRequest q) {
    service.computeUserState(q);
    float[] row = new float[schema.dim()];
    write(q, row, 0);
    store.write(schema, new int[] {q.user.user}, row, 1);
  }

  /**
   * The user's stored row, or null when the store has none (for tests and operators).
   *
   * @param user the dense user index
   */
  public float[] row(int user) {
    float[] row = new float[schema.dim()];
    return store.read(schema, new int[] {user}, 1, row, 0, schema.dim()) == 1 ? row : null;
  }

  /** Copies a prepared request's user state into a row. */
  void write(RecoRequest q, float[] row, int off) {
    System.arraycopy(q.towerUser, 0, row, off, towerDim);
    System.arraycopy(q.walsUser, 0, row, off + towerDim, walsDim);
    int a = off + towerDim + walsDim;
    row[a] = q.userMeanYear;
    row[a + 1] = q.userLogCount;
    row[a + 2] = q.userLikedShare;
    row[a + 3] = q.userMeanStars;
  }

  /**
   * Reads a known user's state into the request, if the store has it.
   *
   * @return whether the row came from the store (false: the caller computes it online)
   */
  boolean read(RecoRequest q, int user) {
    q.storeIds[0] = user;
    if (store.read(schema, q.storeIds, 1, q.storeRow, 0, schema.dim()) != 1) {
      return false;
    }
    float[] row = q.storeRow;
    System.arraycopy(row, 0, q.towerUser, 0, towerDim);
    System.arraycopy(row, towerDim, q.walsUser, 0, walsDim);
    int a = towerDim + walsDim;
    q.userMeanYear = row[a];
    q.userLogCount = row[a + 1];
    q.userLikedShare = row[a + 2];
    q.userMeanStars = row[a + 3];
    return true;
  }
}
