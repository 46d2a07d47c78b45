package dev.mlsd.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelimitedReaderTest {

  @Test
  void quotedNewlinesStayInOneRowAndLineNumbersFollowThePhysicalLines() throws IOException {
    String csv =
        "id,text,n\n"
            + "1,\"a tweet\nover two lines\",3\n"
            + "2,short,oops\n"
            + "3,too,many,columns\n"
            + "4,fine,5\n";
    List<String> texts = new ArrayList<>();
    ReadReport r =
        DelimitedReader.csv(true, 3)
            .read(
                "t.csv",
                new StringReader(csv),
                row -> {
                  try {
                    Integer.parseInt(row.get("n"));
                  } catch (NumberFormatException e) {
                    throw new MalformedRowException("n is not an integer: '" + row.get("n") + "'");
                  }
                  texts.add(row.get("text"));
                });
    assertEquals(List.of("a tweet\nover two lines", "fine"), texts);
    assertEquals(4, r.rows());
    assertEquals(2, r.accepted());
    assertEquals(2, r.malformed());
    assertEquals(new RowProblem(4, "n is not an integer: 'oops'"), r.firstProblems().get(0));
    assertEquals(new RowProblem(5, "expected 3 columns, found 4"), r.firstProblems().get(1));
  }

  @Test
  void tsvKeepsEmptyFieldsAsMissingAndIgnoresQuotes() throws IOException {
    String tsv = "1\t\t\"x\n0\t5\ty\n";
    List<String> seen = new ArrayList<>();
    ReadReport r =
        DelimitedReader.tsv(false, 3)
            .read("t.tsv", new StringReader(tsv), row -> seen.add(row.get(1) + "|" + row.get(2)));
    assertEquals(List.of("|\"x", "5|y"), seen);
    assertEquals(0, r.malformed());
  }

  @Test
  void keepsOnlyTheFirstFewProblemsButCountsAll() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      sb.append("a,b\n");
    }
    ReadReport r =
        DelimitedReader.csv(false, 3).read("t.csv", new StringReader(sb.toString()), row -> {});
    assertEquals(20, r.malformed());
    assertEquals(DelimitedReader.KEPT_PROBLEMS, r.firstProblems().size());
  }
}
