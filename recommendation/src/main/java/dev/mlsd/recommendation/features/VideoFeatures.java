package dev.mlsd.recommendation.features;

import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.data.Tag;
import dev.mlsd.recommendation.data.TitleParser;
import java.util.List;

/**
 * The video (item) content features, one dense vector per item, computed once (batch) and read on
 * the serving path by item index. Layout, in order:
 *
 * <ol>
 *   <li>genres, multi-hot ({@code genreCount} slots);
 *   <li>release decade, one-hot over {@value #DECADES} slots (before 1930 ... 2010s, last slot =
 *       unknown year), then the year scaled as {@code (year - 1990) / 30} (0 when unknown);
 *   <li>title tokens, hashed bag of words over {@value #TITLE_BUCKETS} buckets, L2-normalised;
 *   <li>user tags, hashed bag of words over {@value #TAG_BUCKETS} buckets, L2-normalised (only the
 *       tags the caller passes: the demo passes tags from training time only);
 *   <li>optionally, the item's collaborative embedding ({@code k} slots): the matrix-factorisation
 *       item factors, the same pre-trained table the user features average over, so both towers
 *       start from one embedding space.
 * </ol>
 *
 * The item's ID embedding is not here: it is learned inside the two-tower model.
 *
 * <p>Thread safety: immutable after construction.
 *
 * <p>Book: chapter 6, "Feature engineering", video features.
 */
public final class VideoFeatures {
  /** Decade one-hot slots (the last is "unknown"). */
  public static final int DECADES = 11;

  /** Hash buckets for title tokens. */
  public static final int TITLE_BUCKETS = 32;

  /** Hash buckets for tags. */
  public static final int TAG_BUCKETS = 32;

  private final int dimension;
  private final int genreCount;
  private final int embeddingDimension;
  private final float[] table;

  /**
   * @param catalog the items
   * @param tags tags to use (already filtered to what may be known at training time)
   */
  public VideoFeatures(Catalog catalog, List<Tag> tags) {
    this(catalog, tags, null, 0);
  }

  /**
   * @param catalog the items
   * @param tags tags to use (already filtered to what may be known at training time)
   * @param itemEmbeddings row-major {@code catalog.size() x k} pre-trained item embeddings appended
   *     to each item's vector (trained on training rows only), or null for none
   * @param k the embedding length (0 with null)
   */
  public VideoFeatures(Catalog catalog, List<Tag> tags, float[] itemEmbeddings, int k) {
    if (itemEmbeddings == null ? k != 0 : itemEmbeddings.length != catalog.size() * k) {
      throw new IllegalArgumentException("itemEmbeddings must be catalog.size() x k, or null");
    }
    genreCount = catalog.genreCount();
    int content = genreCount + DECADES + 1 + TITLE_BUCKETS + TAG_BUCKETS;
    dimension = content + k;
    embeddingDimension = k;
    int n = catalog.size();
    table = new float[n * dimension];
    for (int i = 0; i < n; i++) {
      int o = i * dimension;
      int mask = catalog.genreMask(i);
      for (int g = 0; g < genreCount; g++) {
        table[o + g] = (mask & (1 << g)) != 0 ? 1f : 0f;
      }
      o += genreCount;
      int year = catalog.year(i);
      table[o + decade(year)] = 1f;
      table[o + DECADES] = year == Catalog.UNKNOWN_YEAR ? 0f : (year - 1990) / 30f;
      o += DECADES + 1;
      for (String t : TitleParser.tokens(catalog.title(i))) {
        table[o + FeatureHashing.bucket(t, TITLE_BUCKETS)] += 1f;
      }
      normalise(table, o, TITLE_BUCKETS);
    }
    int tagOffset = genreCount + DECADES + 1 + TITLE_BUCKETS;
    for (Tag t : tags) {
      table[t.item() * dimension + tagOffset + FeatureHashing.bucket(t.tag(), TAG_BUCKETS)] += 1f;
    }
    for (int i = 0; i < n; i++) {
      normalise(table, i * dimension + tagOffset, TAG_BUCKETS);
      if (k > 0) {
        System.arraycopy(itemEmbeddings, i * k, table, i * dimension + content, k);
      }
    }
  }

  /** The decade slot of a year. */
  static int decade(int year) {
    if (year == Catalog.UNKNOWN_YEAR) {
      return DECADES - 1;
    }
    return Math.clamp((year - 1920) / 10, 0, DECADES - 2);
  }

  private static void normalise(float[] v, int off, int len) {
    double s = 0;
    for (int j = 0; j < len; j++) {
      s += v[off + j] * v[off + j];
    }
    if (s > 0) {
      float inv = (float) (1 / Math.sqrt(s));
      for (int j = 0; j < len; j++) {
        v[off + j] *= inv;
      }
    }
  }

  /** The length of one item's vector. */
  public int dimension() {
    return dimension;
  }

  /** The length of the appended collaborative embedding block (0 when there is none). */
  public int embeddingDimension() {
    return embeddingDimension;
  }

  /** The number of items. */
  public int size() {
    return table.length / dimension;
  }

  /** The genre slots come first; this many of them. */
  public int genreCount() {
    return genreCount;
  }

  /** Copies an item's vector into {@code out} at {@code offset}. */
  public void copy(int item, float[] out, int offset) {
    System.arraycopy(table, item * dimension, out, offset, dimension);
  }

  /** The backing row-major table ({@code size() x dimension()}); read only. */
  public float[] table() {
    return table;
  }
}
