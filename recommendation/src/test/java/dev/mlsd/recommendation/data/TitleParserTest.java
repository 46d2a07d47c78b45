package dev.mlsd.recommendation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TitleParserTest {
  @Test
  void parsesYears() {
    assertEquals(1995, TitleParser.year("Toy Story (1995)"));
    assertEquals(2006, TitleParser.year("Planet Earth (2006–2007)"));
    assertEquals(1995, TitleParser.year("Heat (1995) "));
    assertEquals(Catalog.UNKNOWN_YEAR, TitleParser.year("Black Mirror"));
  }

  @Test
  void tokenisesWithoutTheYear() {
    assertEquals(
        List.of("american", "president", "the"),
        TitleParser.tokens("American President, The (1995)"));
  }

  @Test
  void groupsSequelsUnderOneFranchiseKey() {
    assertEquals("toy story", TitleParser.franchiseKey("Toy Story (1995)"));
    assertEquals("toy story", TitleParser.franchiseKey("Toy Story 2 (1999)"));
    assertEquals(
        "star wars", TitleParser.franchiseKey("Star Wars: Episode IV - A New Hope (1977)"));
    assertEquals(
        "star wars",
        TitleParser.franchiseKey("Star Wars: Episode V - The Empire Strikes Back (1980)"));
    assertEquals("godfather", TitleParser.franchiseKey("Godfather, The (1972)"));
    assertEquals("godfather", TitleParser.franchiseKey("Godfather: Part II, The (1974)"));
    assertEquals("rocky", TitleParser.franchiseKey("Rocky III (1982)"));
  }
}
