package dev.mlsd.recommendation;

import dev.mlsd.recommendation.data.MovieLensData;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One small trained system shared by the test classes of this JVM (training once is enough). */
public final class TrainedFixture {
  private static RecommendationSystem system;

  private TrainedFixture() {}

  /** The system, trained on {@link SyntheticMovieLens} with quick settings. */
  public static synchronized RecommendationSystem system() {
    if (system == null) {
      try {
        MovieLensData data = SyntheticMovieLens.create(60, 80, 30, 5L);
        system =
            RecommendationSystem.train(
                data, RecommendationSystem.Params.defaults().quick(), line -> {});
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return system;
  }
}
