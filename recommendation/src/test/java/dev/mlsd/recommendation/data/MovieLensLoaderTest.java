package dev.mlsd.recommendation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MovieLensLoaderTest {
  @Test
  void readsQuotedTitlesGenresAndYears() throws Exception {
    MovieLensData d =
        MovieLensLoader.fromText(
            TimeSplitTest.MOVIES, TimeSplitTest.ratings(), "userId,movieId,tag,timestamp\n");
    Catalog c = d.catalog();
    assertEquals(5, c.size());
    int president = c.itemOf(2);
    assertEquals("American President, The (1995)", c.title(president));
    assertEquals(1995, c.year(president));
    assertEquals("Comedy|Drama|Romance", c.genresText(president));
    assertEquals(Catalog.UNKNOWN_YEAR, c.year(c.itemOf(5)));
    assertEquals(0, c.genreMask(c.itemOf(5)));
    assertEquals(-1, c.itemOf(99));
  }

  @Test
  void countsMalformedRowsInsteadOfDroppingThem() throws Exception {
    String ratings =
        "userId,movieId,rating,timestamp\n"
            + "1,1,4.0,10\n"
            + "1,99,4.0,11\n" // unknown movie
            + "1,2,7.0,12\n" // stars out of range
            + "1,3,abc,13\n" // not a number
            + "1,4\n" // wrong column count
            + "1,3,3.5,14\n";
    String tags = "userId,movieId,tag,timestamp\n1,1,pixar,5\n1,1,,6\n";
    MovieLensData d = MovieLensLoader.fromText(TimeSplitTest.MOVIES, ratings, tags);
    var r = d.reports().get(1);
    assertEquals(6, r.rows());
    assertEquals(2, r.accepted());
    assertEquals(4, r.malformed());
    assertTrue(r.firstProblems().get(0).toString().contains("99"), r.summary());
    assertEquals(2, d.interactions().size());
    assertEquals(1, d.reports().get(2).malformed());
    assertEquals("pixar", d.tags().get(0).tag());
  }
}
