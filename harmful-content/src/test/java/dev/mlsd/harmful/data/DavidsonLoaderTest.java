package dev.mlsd.harmful.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.data.Datasets;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DavidsonLoaderTest {
  private static final String CSV =
      ",count,hate_speech,offensive_language,neither,class,tweet\n"
          + "0,3,0,0,3,2,\"a plain tweet\"\n"
          + "1,3,2,1,0,0,\"two raters say hate\nacross a line\"\n"
          + "2,3,1,1,0,1,\"votes do not add up\"\n"
          + "3,3,0,3,0,7,\"class out of range\"\n"
          + "4,x,0,3,0,1,\"count not a number\"\n"
          + "5,6,0,4,2,1,\"\"\n"
          + "6,6,0,4,2,1,\"six raters, four offensive\"\n";

  @Test
  void readsGoodRowsAndCountsEveryMalformedOne() throws IOException {
    Corpus c = DavidsonLoader.read("fixture.csv", new StringReader(CSV));
    assertEquals(7, c.report().rows());
    assertEquals(3, c.report().accepted());
    assertEquals(4, c.report().malformed());
    Post hate = c.posts().get(1);
    assertEquals("two raters say hate\nacross a line", hate.text());
    assertTrue(HarmTask.HATE.isPositive(hate));
    assertFalse(HarmTask.OFFENSIVE.isPositive(hate));
    assertEquals(2.0 / 3, hate.agreement(), 1e-12);
    Post six = c.posts().get(2);
    assertTrue(HarmTask.OFFENSIVE.isPositive(six), "4 of 6 is a strict majority");
    assertEquals(4.0 / 6, LabelWeights.VOTE_AGREEMENT.weight(six), 1e-6);
    assertEquals(1f, LabelWeights.UNIFORM.weight(six));
  }

  @Test
  void aTieIsNotAMajority() {
    Post tie = new Post(0, "t", 4, 2, 2, 0, ThreeClass.HATE);
    assertFalse(HarmTask.HATE.isPositive(tie));
    assertFalse(HarmTask.OFFENSIVE.isPositive(tie));
  }

  @Test
  void realFileHasTheAuthorsCounts() throws IOException {
    String dir = System.getenv(Datasets.ENV_DATA_DIR);
    Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "no MLSD_DATA_DIR");
    Corpus c = DavidsonLoader.load();
    assertEquals(24_783, c.posts().size());
    assertEquals(0, c.report().malformed());
    int hate = 0;
    for (boolean b : HarmTask.HATE.labels(c.posts())) {
      hate += b ? 1 : 0;
    }
    assertEquals(1_422, hate);
  }
}
