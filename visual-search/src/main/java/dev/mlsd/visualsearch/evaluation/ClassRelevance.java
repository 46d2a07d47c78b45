package dev.mlsd.visualsearch.evaluation;

import java.util.List;

/**
 * When a gallery image is relevant to a query, from the class labels (used only here, never in
 * training).
 *
 * <ul>
 *   <li><b>Binary</b> (mAP, MRR, precision, recall, nDCG): relevant = same class.
 *   <li><b>Graded</b> (the graded nDCG the book prefers when relevance has levels): grade 2 for the
 *       same class, 1 for a class of the same group ({@link #FASHION_GROUPS}: tops, footwear,
 *       trousers, bags; {@link #CIFAR_GROUPS}: vehicles, animals), 0 otherwise. A sandal returned
 *       for a sneaker is a worse answer than a sneaker, but a better one than a coat.
 * </ul>
 *
 * <p>Thread safety: immutable.
 *
 * <p>Book: chapter 2, "Evaluation" (nDCG for graded relevance).
 *
 * @param groups group index of each class
 */
public record ClassRelevance(int[] groups) {
  /**
   * Fashion-MNIST groups: tops (T-shirt, pullover, dress, coat, shirt), trousers, footwear, bags.
   */
  public static final ClassRelevance FASHION_GROUPS =
      new ClassRelevance(new int[] {0, 1, 0, 0, 0, 2, 0, 2, 3, 2});

  /** CIFAR-10 groups: vehicles (airplane, automobile, ship, truck) and animals. */
  public static final ClassRelevance CIFAR_GROUPS =
      new ClassRelevance(new int[] {0, 0, 1, 1, 1, 1, 1, 1, 0, 0});

  /** The highest grade. */
  public static final double TOP_GRADE = 2;

  /** The grade of a gallery image of class {@code item} for a query of class {@code query}. */
  public double grade(int query, int item) {
    return query == item ? 2 : groups[query] == groups[item] ? 1 : 0;
  }

  /** The groups' descriptions for the README and the report. */
  public static List<String> describe() {
    return List.of(
        "Fashion-MNIST: tops = T-shirt/top, Pullover, Dress, Coat, Shirt; footwear = Sandal,"
            + " Sneaker, Ankle boot; Trouser; Bag",
        "CIFAR-10: vehicles = airplane, automobile, ship, truck; animals = the other six");
  }
}
