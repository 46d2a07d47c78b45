package dev.mlsd.harmful.data;

/**
 * One post with its crowd labels: Davidson et al.'s tweet, the number of CrowdFlower raters and how
 * many chose each category. Every label in this module is a crowd label; the book trains on natural
 * labels (user reports) and evaluates on hand labels, a distinction this dataset cannot make.
 *
 * <p>Book: chapter 5, "Data preparation".
 *
 * @param id the row index in the file, unique, 0 or more
 * @param text the raw tweet text, as posted (HTML entities and mentions still in it)
 * @param raters how many raters judged it (3 or more)
 * @param hateVotes raters who called it hate speech
 * @param offensiveVotes raters who called it offensive but not hate speech
 * @param neitherVotes raters who called it neither
 * @param authorsClass the authors' majority class: {@link ThreeClass#HATE}, {@link
 *     ThreeClass#OFFENSIVE} or {@link ThreeClass#NEITHER}
 */
public record Post(
    int id,
    String text,
    int raters,
    int hateVotes,
    int offensiveVotes,
    int neitherVotes,
    int authorsClass) {

  /** Checks the votes add up and the class is one of the three. */
  public Post {
    if (text == null) {
      throw new IllegalArgumentException("text is null");
    }
    if (hateVotes < 0 || offensiveVotes < 0 || neitherVotes < 0) {
      throw new IllegalArgumentException("negative vote count");
    }
    if (raters < 1 || hateVotes + offensiveVotes + neitherVotes != raters) {
      throw new IllegalArgumentException(
          "votes "
              + hateVotes
              + "+"
              + offensiveVotes
              + "+"
              + neitherVotes
              + " do not add up to "
              + raters
              + " raters");
    }
    if (authorsClass < 0 || authorsClass >= ThreeClass.COUNT) {
      throw new IllegalArgumentException("class must be 0, 1 or 2, got " + authorsClass);
    }
  }

  /**
   * The share of raters who agree with the most-voted category, in (1/3, 1]: 1 when every rater
   * agrees. {@link LabelWeights} can use it as a label-confidence weight.
   */
  public double agreement() {
    return (double) Math.max(hateVotes, Math.max(offensiveVotes, neitherVotes)) / raters;
  }
}
