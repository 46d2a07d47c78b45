package dev.mlsd.recommendation.features;

/**
 * The one feature pipeline shared by training and serving: the batch-computed video features and
 * the request-time user features. Training code and the serving path both call {@link #encodeUser},
 * so the two cannot drift apart (no training/serving skew).
 *
 * <p>Thread safety: immutable; {@link #encodeUser} allocates nothing and writes only into the
 * caller's array.
 *
 * <p>Book: chapter 6, "Feature engineering"; chapter 1 on training/serving skew.
 */
public final class FeaturePipeline {
  private final VideoFeatures video;
  private final UserFeatures user;

  /**
   * @param video video content features
   * @param user user features
   */
  public FeaturePipeline(VideoFeatures video, UserFeatures user) {
    this.video = video;
    this.user = user;
  }

  /** The video features. */
  public VideoFeatures videoFeatures() {
    return video;
  }

  /** The user features. */
  public UserFeatures userFeatures() {
    return user;
  }

  /**
   * Encodes the request's user (history and context).
   *
   * @param request the request
   * @param out receives {@code userFeatures().dimension()} values
   */
  public void encodeUser(UserRequest request, float[] out) {
    user.encode(
        request.items,
        request.ratings,
        request.length,
        request.lastSeconds,
        request.nowSeconds,
        out);
  }
}
