package dev.mlsd.recommendation;

import dev.mlsd.recommendation.data.MovieLensData;
import dev.mlsd.recommendation.data.MovieLensLoader;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * A small seeded MovieLens-shaped dataset for tests: two taste groups (even users like comedies,
 * odd users like dramas), each user rating {@code perUser} films over time, mostly their group's
 * genre and mostly 4 stars or more.
 */
public final class SyntheticMovieLens {
  private SyntheticMovieLens() {}

  /** Builds the dataset. */
  public static MovieLensData create(int users, int movies, int perUser, long seed)
      throws IOException {
    StringBuilder m = new StringBuilder("movieId,title,genres\n");
    for (int i = 1; i <= movies; i++) {
      m.append(i)
          .append(",\"Film")
          .append(i)
          .append(", The (")
          .append(1950 + i % 60)
          .append(")\",")
          .append(i % 2 == 0 ? "Comedy" : "Drama")
          .append(i % 5 == 0 ? "|Action" : "")
          .append('\n');
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    StringBuilder r = new StringBuilder("userId,movieId,rating,timestamp\n");
    for (int u = 1; u <= users; u++) {
      boolean[] used = new boolean[movies + 1];
      long t = 1_000_000_000L + u * 1000L;
      for (int j = 0; j < perUser; j++) {
        int movie;
        do {
          boolean own = rnd.nextDouble() < 0.8;
          int parity = (u % 2 == 0) == own ? 0 : 1;
          movie = 1 + rnd.nextInt(movies);
          if (movie % 2 != parity) {
            movie = movie == movies ? movie - 1 : movie + 1;
          }
        } while (used[movie]);
        used[movie] = true;
        double stars = (movie % 2 == u % 2) ? 4 + rnd.nextInt(3) * 0.5 : 1 + rnd.nextInt(5) * 0.5;
        t += 3600 + rnd.nextInt(86_400);
        r.append(u).append(',').append(movie).append(',').append(stars).append(',').append(t);
        r.append('\n');
      }
    }
    String tags = "userId,movieId,tag,timestamp\n1,2,funny,1000000001\n";
    return MovieLensLoader.fromText(m.toString(), r.toString(), tags);
  }
}
