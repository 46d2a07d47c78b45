package dev.mlsd.adctr.data;

import dev.mlsd.core.data.DelimitedReader;
import dev.mlsd.core.data.MalformedRowException;
import dev.mlsd.core.data.ReadReport;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the Criteo display-advertising log: TSV, {@code label, I1..I13, C1..C26}, an empty field is
 * missing, rows in time order. A row is malformed (counted, not used) when it has the wrong column
 * count, a label other than 0/1, or a non-integer {@code I} field.
 *
 * <p>Criteo's fields are anonymised, so which side of a request they belong to is an assumption,
 * stated in {@link #SCHEMA}: C1 stands for the advertiser, C1-C4 together identify the ad; the
 * integer counts and C5-C26 are the request (user and context); C6 (8 values) is the targeted
 * field.
 *
 * <p>Thread safety: stateless.
 */
public final class CriteoReader {
  /** Columns per row: label, 13 integer and 26 categorical fields. */
  public static final int COLUMNS = 40;

  /** Criteo's fields and the side assumption. */
  public static final AdSchema SCHEMA = schema();

  private CriteoReader() {}

  private static AdSchema schema() {
    List<String> num = new ArrayList<>();
    for (int i = 1; i <= 13; i++) {
      num.add("I" + i);
    }
    List<String> cat = new ArrayList<>();
    for (int i = 1; i <= 26; i++) {
      cat.add("C" + i);
    }
    return new AdSchema(
        "criteo-sample",
        num,
        cat,
        List.of("C1", "C2", "C3", "C4"),
        "C1",
        "C6",
        List.of(
            List.of("C1", "C6"),
            List.of("C3", "C9"),
            List.of("C1", "C14"),
            List.of("C4", "C17"),
            List.of("C2", "C20")),
        "Criteo's fields are anonymised: assumed C1 = advertiser, C1-C4 = the ad (its id and"
            + " attributes), I1-I13 and C5-C26 = the request (user, context), C6 = targeted field.");
  }

  /** Reads a Criteo file. */
  public static ImpressionLog read(Path file, String sha256) throws IOException {
    List<Impression> rows = new ArrayList<>();
    ReadReport report =
        DelimitedReader.tsv(false, COLUMNS).read(file, r -> rows.add(parse(r, rows.size())));
    return new ImpressionLog(SCHEMA, rows, List.of(report), sha256);
  }

  /** Reads Criteo rows from a reader (tests, in-memory data). */
  public static ImpressionLog read(String source, Reader in) throws IOException {
    List<Impression> rows = new ArrayList<>();
    ReadReport report =
        DelimitedReader.tsv(false, COLUMNS).read(source, in, r -> rows.add(parse(r, rows.size())));
    return new ImpressionLog(SCHEMA, rows, List.of(report), "");
  }

  private static Impression parse(CSVRecord r, long time) throws MalformedRowException {
    String label = r.get(0);
    boolean clicked;
    if (label.equals("1")) {
      clicked = true;
    } else if (label.equals("0")) {
      clicked = false;
    } else {
      throw new MalformedRowException("label must be 0 or 1, got '" + label + "'");
    }
    float[] num = new float[13];
    for (int i = 0; i < 13; i++) {
      String s = r.get(1 + i);
      if (s.isEmpty()) {
        num[i] = Float.NaN;
      } else {
        try {
          num[i] = Long.parseLong(s);
        } catch (NumberFormatException e) {
          throw new MalformedRowException("I" + (i + 1) + " is not an integer: '" + s + "'");
        }
      }
    }
    String[] cat = new String[26];
    for (int i = 0; i < 26; i++) {
      cat[i] = r.get(14 + i);
    }
    return new Impression(clicked, time, num, cat);
  }
}
