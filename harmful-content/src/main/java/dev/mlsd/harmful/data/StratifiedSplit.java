package dev.mlsd.harmful.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, stratified train/validation/test split: the posts of each of the authors' three classes
 * are shuffled with the seed and cut at the same fractions, so every part keeps the class shares
 * (hate is 5.8% of each). Davidson et al. tested on a 10% split too.
 *
 * <p>The same posts, seed and fractions give the same split on every run.
 *
 * @param trainFraction share of each class in train, in (0, 1)
 * @param validationFraction share in validation; the rest is test
 * @param seed the shuffle's seed
 */
public record StratifiedSplit(double trainFraction, double validationFraction, long seed) {

  /** The three parts, each in file order. */
  public record Parts(List<Post> train, List<Post> validation, List<Post> test) {
    /** Copies the lists. */
    public Parts {
      train = List.copyOf(train);
      validation = List.copyOf(validation);
      test = List.copyOf(test);
    }
  }

  /** Checks the fractions. */
  public StratifiedSplit {
    if (!(trainFraction > 0 && validationFraction > 0 && trainFraction + validationFraction < 1)) {
      throw new IllegalArgumentException(
          "need 0 < train, 0 < validation, train + validation < 1; got "
              + trainFraction
              + ", "
              + validationFraction);
    }
  }

  /** 80/10/10 with the given seed. */
  public static StratifiedSplit of(long seed) {
    return new StratifiedSplit(0.8, 0.1, seed);
  }

  /** Splits the posts; each part keeps file order. */
  public Parts split(List<Post> posts) {
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < ThreeClass.COUNT; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < posts.size(); i++) {
      byClass.get(posts.get(i).authorsClass()).add(i);
    }
    byte[] part = new byte[posts.size()]; // 0 train, 1 validation, 2 test
    SplittableRandom random = new SplittableRandom(seed);
    for (List<Integer> stratum : byClass) {
      shuffle(stratum, random);
      int n = stratum.size();
      int nTrain = (int) Math.round(n * trainFraction);
      int nValidation = (int) Math.round(n * validationFraction);
      for (int r = 0; r < n; r++) {
        part[stratum.get(r)] = (byte) (r < nTrain ? 0 : r < nTrain + nValidation ? 1 : 2);
      }
    }
    List<Post> train = new ArrayList<>();
    List<Post> validation = new ArrayList<>();
    List<Post> test = new ArrayList<>();
    for (int i = 0; i < posts.size(); i++) {
      (part[i] == 0 ? train : part[i] == 1 ? validation : test).add(posts.get(i));
    }
    return new Parts(train, validation, test);
  }

  /** What the split is, for model cards. */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "stratified by the authors' class, %.0f/%.0f/%.0f, seed %d",
        trainFraction * 100,
        validationFraction * 100,
        (1 - trainFraction - validationFraction) * 100,
        seed);
  }

  private static void shuffle(List<Integer> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
