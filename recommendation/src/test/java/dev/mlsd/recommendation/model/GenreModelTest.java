package dev.mlsd.recommendation.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlsd.recommendation.SyntheticMovieLens;
import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.data.MovieLensData;
import dev.mlsd.recommendation.data.Relevance;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.features.UserRequest;
import org.junit.jupiter.api.Test;

/** The genre scorer against its definition, written out per item. */
class GenreModelTest {

  @Test
  void scoresEveryItemAsItsDefinitionSays() throws Exception {
    MovieLensData data = SyntheticMovieLens.create(40, 300, 30, 5);
    Catalog cat = data.catalog();
    TimeSplit split = new TimeSplit(data.interactions(), TimeSplit.Params.defaults());
    PopularityModel pop = new PopularityModel(FeedbackMatrix.training(split, cat.size()));
    UserRequest r = new UserRequest(16);
    r.reset(-1, 0);
    r.add(3, 5f, 0);
    r.add(17, 2f, 0);
    r.add(250, 4f, 0);
    float[] out = new float[cat.size()];
    new GenreModel(cat, pop).scoreAll(r, out);

    float[] affinity = new float[cat.genreCount()];
    float total = 0;
    for (int h = 0; h < r.length; h++) {
      float w = Relevance.liked(r.ratings[h]) ? 1f : 0.5f;
      for (int g = 0; g < affinity.length; g++) {
        if ((cat.genreMask(r.items[h]) & (1 << g)) != 0) {
          affinity[g] += w;
          total += w;
        }
      }
    }
    float maxPrior = 1;
    for (int i = 0; i < cat.size(); i++) {
      maxPrior = Math.max(maxPrior, pop.logCount(i));
    }
    for (int i = 0; i < cat.size(); i++) {
      int mask = cat.genreMask(i);
      float s = 0;
      for (int g = 0; g < affinity.length; g++) {
        if ((mask & (1 << g)) != 0) {
          s += affinity[g] / total;
        }
      }
      int n = Integer.bitCount(mask);
      float want = (n == 0 ? 0f : s / (float) Math.sqrt(n)) + 0.3f * pop.logCount(i) / maxPrior;
      assertEquals(want, out[i], 1e-6f, "item " + i);
    }
  }
}
