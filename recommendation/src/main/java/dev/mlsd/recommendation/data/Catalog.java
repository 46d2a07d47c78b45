package dev.mlsd.recommendation.data;

import java.util.Arrays;
import java.util.List;

/**
 * The video catalogue: every movie of {@code movies.csv} under a dense item index {@code 0 ..
 * size()-1} (file order), with its title, genres as a bit mask and release year parsed from the
 * title. The item index is the id used on every hot path; the MovieLens {@code movieId} only at the
 * edges.
 *
 * <p>Thread safety: immutable after construction (the arrays are not copied on access; callers must
 * not modify them).
 */
public final class Catalog {
  /** Year used when a title carries none. */
  public static final int UNKNOWN_YEAR = 0;

  private final int[] movieIds;
  private final String[] titles;
  private final int[] genreMasks;
  private final int[] years;
  private final List<String> genreNames;
  private final int[] indexByMovieId;

  /**
   * @param movieIds MovieLens ids, unique, non-negative, by item index
   * @param titles titles by item index
   * @param genreMasks bit {@code g} set when the item has genre {@code genreNames.get(g)}
   * @param years release years, or {@link #UNKNOWN_YEAR}
   * @param genreNames the genre vocabulary (at most 31 names)
   */
  public Catalog(
      int[] movieIds, String[] titles, int[] genreMasks, int[] years, List<String> genreNames) {
    int n = movieIds.length;
    if (titles.length != n || genreMasks.length != n || years.length != n) {
      throw new IllegalArgumentException("catalogue arrays differ in length");
    }
    if (genreNames.size() > 31) {
      throw new IllegalArgumentException("at most 31 genres, got " + genreNames.size());
    }
    int max = -1;
    for (int id : movieIds) {
      if (id < 0) {
        throw new IllegalArgumentException("negative movieId " + id);
      }
      max = Math.max(max, id);
    }
    int[] index = new int[max + 1];
    Arrays.fill(index, -1);
    for (int i = 0; i < n; i++) {
      if (index[movieIds[i]] >= 0) {
        throw new IllegalArgumentException("duplicate movieId " + movieIds[i]);
      }
      index[movieIds[i]] = i;
    }
    this.movieIds = movieIds;
    this.titles = titles;
    this.genreMasks = genreMasks;
    this.years = years;
    this.genreNames = List.copyOf(genreNames);
    this.indexByMovieId = index;
  }

  /** The number of items. */
  public int size() {
    return movieIds.length;
  }

  /** The MovieLens id of an item. */
  public int movieId(int item) {
    return movieIds[item];
  }

  /** The item index of a MovieLens id, or -1 if the catalogue has no such movie. */
  public int itemOf(int movieId) {
    return movieId >= 0 && movieId < indexByMovieId.length ? indexByMovieId[movieId] : -1;
  }

  /** The title, with its year, as in the file. */
  public String title(int item) {
    return titles[item];
  }

  /** The genre bit mask of an item (bit g = genre g of {@link #genreNames()}). */
  public int genreMask(int item) {
    return genreMasks[item];
  }

  /** The release year, or {@link #UNKNOWN_YEAR}. */
  public int year(int item) {
    return years[item];
  }

  /** The genre vocabulary, in bit order. */
  public List<String> genreNames() {
    return genreNames;
  }

  /** The number of genres. */
  public int genreCount() {
    return genreNames.size();
  }

  /** The genres of an item, joined by "|", for display. */
  public String genresText(int item) {
    StringBuilder sb = new StringBuilder();
    int m = genreMasks[item];
    for (int g = 0; g < genreNames.size(); g++) {
      if ((m & (1 << g)) != 0) {
        if (!sb.isEmpty()) {
          sb.append('|');
        }
        sb.append(genreNames.get(g));
      }
    }
    return sb.toString();
  }
}
