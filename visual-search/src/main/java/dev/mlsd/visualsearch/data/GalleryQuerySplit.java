package dev.mlsd.visualsearch.data;

import java.util.SplittableRandom;

/**
 * Which images form the searchable gallery and which are held out as queries. The encoder trains on
 * gallery images only (and without their labels); every metric is computed for the queries.
 *
 * <p>Fashion-MNIST keeps its own split: the 60,000 training images are the gallery and the 10,000
 * test images the queries. CIFAR-10's test split alone has 10,000 images: a seeded shuffle keeps
 * {@code galleryFraction} of them as the gallery and the rest as queries.
 *
 * <p>Book: chapter 2, "Evaluation" (offline, on held-out queries).
 *
 * @param gallery the images the index holds (ids = positions)
 * @param queries the held-out query images
 * @param description one line for the model card and the report
 */
public record GalleryQuerySplit(ImageSet gallery, ImageSet queries, String description) {

  /** The given train and test sets as gallery and queries. */
  public static GalleryQuerySplit of(ImageSet train, ImageSet test) {
    return new GalleryQuerySplit(
        train,
        test,
        "gallery = "
            + train.count()
            + " training images, queries = "
            + test.count()
            + " test images");
  }

  /**
   * A seeded random split of one set.
   *
   * @param all the images
   * @param galleryFraction the share kept as gallery, in (0, 1)
   * @param seed the shuffle's seed
   */
  public static GalleryQuerySplit shuffled(ImageSet all, double galleryFraction, long seed) {
    if (!(galleryFraction > 0 && galleryFraction < 1)) {
      throw new IllegalArgumentException(
          "galleryFraction must be in (0, 1), got " + galleryFraction);
    }
    int[] order = new int[all.count()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int g = (int) Math.round(order.length * galleryFraction);
    int[] galleryIds = java.util.Arrays.copyOfRange(order, 0, g);
    int[] queryIds = java.util.Arrays.copyOfRange(order, g, order.length);
    java.util.Arrays.sort(galleryIds);
    java.util.Arrays.sort(queryIds);
    return new GalleryQuerySplit(
        all.select(galleryIds),
        all.select(queryIds),
        "seeded shuffle (seed " + seed + "): gallery = " + g + ", queries = " + queryIds.length);
  }

  /**
   * The validation split for choosing hyper-parameters: {@code queries} of the gallery's images,
   * drawn by a seeded shuffle, become validation queries against the rest of the gallery. The
   * held-out test queries are not touched.
   *
   * @param gallery the gallery (for Fashion-MNIST, the training images)
   * @param queries validation queries, fewer than the gallery
   * @param seed the shuffle's seed
   */
  public static GalleryQuerySplit validation(ImageSet gallery, int queries, long seed) {
    if (queries < 1 || queries >= gallery.count()) {
      throw new IllegalArgumentException(
          "validation queries must be in [1, " + gallery.count() + "), got " + queries);
    }
    GalleryQuerySplit s = shuffled(gallery, 1 - queries / (double) gallery.count(), seed);
    return new GalleryQuerySplit(
        s.gallery(),
        s.queries(),
        "validation: "
            + s.queries().count()
            + " of the "
            + gallery.count()
            + " gallery images as queries against the other "
            + s.gallery().count()
            + " (seed "
            + seed
            + ")");
  }

  /**
   * A seeded random subset (for --quick): {@code galleryCount} gallery images and {@code
   * queryCount} queries, each kept in id order (all of a side when it has fewer).
   */
  public GalleryQuerySplit sample(int galleryCount, int queryCount, long seed) {
    return new GalleryQuerySplit(
        gallery.select(sampleIds(gallery.count(), galleryCount, seed)),
        queries.select(sampleIds(queries.count(), queryCount, seed + 1)),
        description + " (seeded sample " + galleryCount + " / " + queryCount + ")");
  }

  private static int[] sampleIds(int count, int n, long seed) {
    int[] ids =
        new java.util.SplittableRandom(seed)
            .ints(0, count)
            .distinct()
            .limit(Math.min(n, count))
            .toArray();
    java.util.Arrays.sort(ids);
    return ids;
  }
}
