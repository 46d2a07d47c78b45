package dev.mlsd.recommendation.data;

import dev.mlsd.core.data.DatasetUnavailableException;
import dev.mlsd.core.data.Datasets;
import dev.mlsd.core.data.DelimitedReader;
import dev.mlsd.core.data.MalformedRowException;
import dev.mlsd.core.data.ReadReport;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads MovieLens {@code ml-latest-small} ({@code movies.csv}, {@code ratings.csv}, {@code
 * tags.csv}) through {@link DelimitedReader}, which handles the quoted commas in titles and counts
 * every row it cannot use. Ratings of movies missing from the catalogue, out-of-range stars and
 * unparsable numbers are counted as malformed, never dropped silently.
 *
 * <p>Thread safety: stateless.
 */
public final class MovieLensLoader {
  /** The dataset's name in the project's descriptors. */
  public static final String DATASET = "movielens-latest-small";

  private MovieLensLoader() {}

  /**
   * Loads the dataset from wherever {@link Datasets} finds it ({@code MLSD_DATA_DIR}, cache or
   * download), verified by checksum.
   *
   * @throws DatasetUnavailableException if the files cannot be had; the message says what to set
   * @throws IOException if a file cannot be read
   */
  public static MovieLensData load() throws IOException {
    Path movies = Datasets.require(DATASET, "movies.csv");
    Path ratings = Datasets.require(DATASET, "ratings.csv");
    Path tags = Datasets.require(DATASET, "tags.csv");
    try (Reader m = Files.newBufferedReader(movies);
        Reader r = Files.newBufferedReader(ratings);
        Reader t = Files.newBufferedReader(tags)) {
      return read(m, r, t, Datasets.sha256(ratings));
    }
  }

  /** Loads from in-memory CSV text with headers (for tests). */
  public static MovieLensData fromText(String movies, String ratings, String tags)
      throws IOException {
    return read(
        new StringReader(movies), new StringReader(ratings), new StringReader(tags), "test");
  }

  private static MovieLensData read(Reader movies, Reader ratings, Reader tags, String sha)
      throws IOException {
    List<ReadReport> reports = new ArrayList<>();
    // movies.csv: movieId,title,genres
    List<Integer> ids = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    List<String[]> genres = new ArrayList<>();
    Map<String, Integer> genreIndex = new LinkedHashMap<>();
    reports.add(
        DelimitedReader.csv(true, 3)
            .read(
                "movies.csv",
                movies,
                row -> {
                  int id = parseInt(row.get(0), "movieId");
                  String title = row.get(1).trim();
                  if (title.isEmpty()) {
                    throw new MalformedRowException("empty title");
                  }
                  String g = row.get(2).trim();
                  String[] gs =
                      g.isEmpty() || g.equals("(no genres listed)")
                          ? new String[0]
                          : g.split("\\|");
                  ids.add(id);
                  titles.add(title);
                  genres.add(gs);
                }));
    for (String[] gs : genres) {
      for (String g : gs) {
        genreIndex.putIfAbsent(g, genreIndex.size());
      }
    }
    List<String> genreNames = new ArrayList<>(genreIndex.keySet());
    genreNames.sort(null);
    genreIndex.clear();
    for (String g : genreNames) {
      genreIndex.put(g, genreIndex.size());
    }
    int n = ids.size();
    int[] movieIds = new int[n];
    int[] masks = new int[n];
    int[] years = new int[n];
    String[] titleArr = new String[n];
    for (int i = 0; i < n; i++) {
      movieIds[i] = ids.get(i);
      titleArr[i] = titles.get(i);
      years[i] = TitleParser.year(titleArr[i]);
      for (String g : genres.get(i)) {
        masks[i] |= 1 << genreIndex.get(g);
      }
    }
    Catalog catalog = new Catalog(movieIds, titleArr, masks, years, genreNames);

    // ratings.csv: userId,movieId,rating,timestamp
    int[] cap = {1 << 17};
    int[][] cols = {new int[cap[0]], new int[cap[0]]};
    float[][] stars = {new float[cap[0]]};
    long[][] times = {new long[cap[0]]};
    int[] count = {0};
    reports.add(
        DelimitedReader.csv(true, 4)
            .read(
                "ratings.csv",
                ratings,
                row -> {
                  int user = parseInt(row.get(0), "userId");
                  int item = catalog.itemOf(parseInt(row.get(1), "movieId"));
                  if (item < 0) {
                    throw new MalformedRowException("movieId " + row.get(1) + " not in movies.csv");
                  }
                  float rating;
                  try {
                    rating = Float.parseFloat(row.get(2));
                  } catch (NumberFormatException e) {
                    throw new MalformedRowException("rating is not a number: " + row.get(2));
                  }
                  if (!(rating >= 0.5f && rating <= 5f)) {
                    throw new MalformedRowException("rating out of [0.5, 5]: " + row.get(2));
                  }
                  long ts = parseLong(row.get(3), "timestamp");
                  int k = count[0]++;
                  if (k == cap[0]) {
                    cap[0] *= 2;
                    cols[0] = Arrays.copyOf(cols[0], cap[0]);
                    cols[1] = Arrays.copyOf(cols[1], cap[0]);
                    stars[0] = Arrays.copyOf(stars[0], cap[0]);
                    times[0] = Arrays.copyOf(times[0], cap[0]);
                  }
                  cols[0][k] = user;
                  cols[1][k] = item;
                  stars[0][k] = rating;
                  times[0][k] = ts;
                }));
    Interactions interactions = sortByUserTime(count[0], cols[0], cols[1], stars[0], times[0]);

    // tags.csv: userId,movieId,tag,timestamp
    List<Tag> tagList = new ArrayList<>();
    reports.add(
        DelimitedReader.csv(true, 4)
            .read(
                "tags.csv",
                tags,
                row -> {
                  int user = parseInt(row.get(0), "userId");
                  int item = catalog.itemOf(parseInt(row.get(1), "movieId"));
                  if (item < 0) {
                    throw new MalformedRowException("movieId " + row.get(1) + " not in movies.csv");
                  }
                  String tag = row.get(2).trim().toLowerCase(Locale.ROOT);
                  if (tag.isEmpty()) {
                    throw new MalformedRowException("empty tag");
                  }
                  tagList.add(new Tag(user, item, tag, parseLong(row.get(3), "timestamp")));
                }));
    return new MovieLensData(catalog, interactions, tagList, reports, sha);
  }

  private static Interactions sortByUserTime(
      int n, int[] users, int[] items, float[] ratings, long[] ts) {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Integer.compare(users[a], users[b]);
          if (c != 0) {
            return c;
          }
          c = Long.compare(ts[a], ts[b]);
          return c != 0 ? c : Integer.compare(items[a], items[b]);
        });
    Map<Integer, Integer> dense = new HashMap<>();
    List<Integer> userIds = new ArrayList<>();
    int[] it = new int[n];
    float[] ra = new float[n];
    long[] ti = new long[n];
    List<Integer> starts = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      int o = order[r];
      if (!dense.containsKey(users[o])) {
        dense.put(users[o], userIds.size());
        userIds.add(users[o]);
        starts.add(r);
      }
      it[r] = items[o];
      ra[r] = ratings[o];
      ti[r] = ts[o];
    }
    starts.add(n);
    int[] uid = userIds.stream().mapToInt(Integer::intValue).toArray();
    int[] st = starts.stream().mapToInt(Integer::intValue).toArray();
    return new Interactions(uid, st, it, ra, ti);
  }

  private static int parseInt(String s, String field) throws MalformedRowException {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new MalformedRowException(field + " is not an integer: " + s);
    }
  }

  private static long parseLong(String s, String field) throws MalformedRowException {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new MalformedRowException(field + " is not an integer: " + s);
    }
  }
}
