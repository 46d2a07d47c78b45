package dev.mlsd.harmful.data;

/**
 * The authors' three classes, in their coding: 0 hate speech, 1 offensive language, 2 neither. The
 * multi-task model does not predict these directly; {@code evaluation.ThreeClassDecision} derives
 * one from the two heads, to compare with Davidson et al.
 */
public final class ThreeClass {
  /** Hate speech. */
  public static final int HATE = 0;

  /** Offensive language that is not hate speech. */
  public static final int OFFENSIVE = 1;

  /** Neither. */
  public static final int NEITHER = 2;

  /** The number of classes. */
  public static final int COUNT = 3;

  /** Names by class index. */
  private static final String[] NAMES = {"hate", "offensive", "neither"};

  private ThreeClass() {}

  /** The class's name: "hate", "offensive" or "neither". */
  public static String name(int c) {
    return NAMES[c];
  }
}
