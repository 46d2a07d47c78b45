package dev.mlsd.videosearch.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded split of the <em>videos</em> (not the descriptions) into train, validation and test, so
 * that no video's text is seen by training and then asked for by a test query.
 *
 * <p>Training pairs come from {@link #train()} videos only; the fusion weight is tuned on {@link
 * #validation()} queries; metrics are reported on {@link #test()} queries.
 *
 * @param train training video ids, ascending
 * @param validation validation video ids, ascending
 * @param test test video ids, ascending
 *     <p>Book: chapter 4, "Data preparation".
 */
public record VideoSplit(int[] train, int[] validation, int[] test) {

  /**
   * Shuffles {@code 0 .. videos-1} with the seed and cuts it.
   *
   * @param videos the catalogue size, at least 3
   * @param validationFraction share of videos for validation, in (0, 1)
   * @param testFraction share of videos for test, in (0, 1); the two together below 1
   * @param seed the shuffle's seed
   */
  public static VideoSplit of(
      int videos, double validationFraction, double testFraction, long seed) {
    if (videos < 3) {
      throw new IllegalArgumentException("need at least 3 videos, got " + videos);
    }
    if (!(validationFraction > 0 && testFraction > 0 && validationFraction + testFraction < 1)) {
      throw new IllegalArgumentException(
          "fractions must be > 0 and sum below 1, got " + validationFraction + ", " + testFraction);
    }
    int[] ids = new int[videos];
    for (int i = 0; i < videos; i++) {
      ids[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = videos - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
    }
    int nTest = Math.max(1, (int) Math.round(videos * testFraction));
    int nVal = Math.max(1, (int) Math.round(videos * validationFraction));
    int[] test = Arrays.copyOfRange(ids, 0, nTest);
    int[] val = Arrays.copyOfRange(ids, nTest, nTest + nVal);
    int[] train = Arrays.copyOfRange(ids, nTest + nVal, videos);
    Arrays.sort(test);
    Arrays.sort(val);
    Arrays.sort(train);
    return new VideoSplit(train, val, test);
  }
}
