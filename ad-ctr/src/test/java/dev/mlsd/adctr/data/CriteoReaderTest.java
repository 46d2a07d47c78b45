package dev.mlsd.adctr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CriteoReaderTest {
  /** A Criteo row: label, 13 integers, 26 categoricals; {@code ints} fills I1.. in order. */
  static String row(String label, String... ints) {
    StringBuilder sb = new StringBuilder(label);
    for (int i = 0; i < 13; i++) {
      sb.append('\t').append(i < ints.length ? ints[i] : "");
    }
    for (int i = 0; i < 26; i++) {
      sb.append('\t').append(i == 1 ? "" : "c" + i);
    }
    return sb.toString();
  }

  @Test
  void readsValuesMissingFieldsAndLabels() throws Exception {
    String text = row("1", "5", "", "-3") + "\n" + row("0", "0") + "\n";
    ImpressionLog log = CriteoReader.read("t", new StringReader(text));
    assertEquals(2, log.size());
    Impression a = log.rows().get(0);
    assertTrue(a.clicked());
    assertEquals(5f, a.numeric()[0]);
    assertTrue(Float.isNaN(a.numeric()[1]));
    assertEquals(-3f, a.numeric()[2]);
    assertEquals("c0", a.categorical()[0]);
    assertEquals("", a.categorical()[1]);
    assertFalse(log.rows().get(1).clicked());
    assertEquals(0.5, log.ctr(), 1e-12);
    assertEquals(0, log.malformed());
  }

  @Test
  void countsMalformedRowsWithReasons() throws Exception {
    String text =
        row("1", "5")
            + "\n"
            + row("0", "x7")
            + "\n"
            + row("2", "1")
            + "\n"
            + "1\t2\t3\n"
            + row("0", "9")
            + "\n";
    ImpressionLog log = CriteoReader.read("t", new StringReader(text));
    assertEquals(2, log.size());
    assertEquals(3, log.malformed());
    var problems = log.reports().getFirst().firstProblems();
    assertTrue(problems.get(0).toString().contains("I1 is not an integer"), problems.toString());
    assertTrue(problems.get(1).toString().contains("label must be 0 or 1"), problems.toString());
    assertTrue(problems.get(2).toString().contains("expected 40 columns"), problems.toString());
    // time keys follow the accepted rows in order
    assertEquals(0, log.rows().get(0).time());
    assertEquals(1, log.rows().get(1).time());
  }
}
