package dev.mlsd.adctr.data;

import dev.mlsd.core.data.DelimitedReader;
import dev.mlsd.core.data.MalformedRowException;
import dev.mlsd.core.data.ReadReport;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the iPinYou real-time-bidding sample of the FNN paper: lines {@code label idx:1 idx:1 ...}
 * with one index per field, and a {@code featindex} file mapping {@code field:value} to each index.
 * Each line becomes an impression whose categorical fields are the 16 named fields (weekday, hour,
 * useragent, IP, region, city, adexchange, domain, slotid, slot size and format, slotprice,
 * creative, advertiser). A line is malformed when its label is not 0/1, a token is not {@code
 * idx:1}, an index is unknown, or a field appears twice.
 *
 * <p>Sides: {@code creative} and {@code advertiser} are the ad side (4 creatives of 2 advertisers
 * in this sample, so candidate generation is nearly trivial here); the rest is the request side;
 * {@code adexchange} is targeted. Time order is the file order, train file then test file.
 *
 * <p>Thread safety: an instance is immutable after construction.
 */
public final class IpinyouReader {
  /** The fields, in {@link Impression#categorical()} order. */
  public static final List<String> FIELDS =
      List.of(
          "weekday",
          "hour",
          "useragent",
          "IP",
          "region",
          "city",
          "adexchange",
          "domain",
          "slotid",
          "slotwidth",
          "slotheight",
          "slotvisibility",
          "slotformat",
          "slotprice",
          "creative",
          "advertiser");

  /** iPinYou's fields and their sides. */
  public static final AdSchema SCHEMA =
      new AdSchema(
          "ipinyou-sample",
          List.of(),
          FIELDS,
          List.of("creative", "advertiser"),
          "advertiser",
          "adexchange",
          List.of(
              List.of("creative", "slotid"),
              List.of("advertiser", "domain"),
              List.of("creative", "hour"),
              List.of("advertiser", "slotformat")),
          "iPinYou: creative and advertiser are the ad side, the rest (time, user agent, IP, place,"
              + " slot) the request side.");

  private final int[] fieldOfIndex;
  private final String[] valueOfIndex;

  private IpinyouReader(int[] fieldOfIndex, String[] valueOfIndex) {
    this.fieldOfIndex = fieldOfIndex;
    this.valueOfIndex = valueOfIndex;
  }

  /** Loads the feature index ({@code field:value<TAB>index} per line). */
  public static IpinyouReader withFeatureIndex(Path featindex) throws IOException {
    List<String> lines = Files.readAllLines(featindex);
    return withFeatureIndex(lines);
  }

  /** Builds a reader from feature-index lines. */
  public static IpinyouReader withFeatureIndex(List<String> lines) {
    int max = -1;
    List<int[]> parsed = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      int tab = line.lastIndexOf('\t');
      int colon = line.indexOf(':');
      if (tab < 0 || colon < 0 || colon > tab) {
        throw new IllegalArgumentException(
            "feature index line is not 'field:value<TAB>index': " + line);
      }
      int field = FIELDS.indexOf(line.substring(0, colon));
      if (field < 0) {
        throw new IllegalArgumentException("unknown field in feature index: " + line);
      }
      int idx = Integer.parseInt(line.substring(tab + 1).trim());
      parsed.add(new int[] {idx, field});
      values.add(line.substring(colon + 1, tab));
      max = Math.max(max, idx);
    }
    int[] fieldOf = new int[max + 1];
    String[] valueOf = new String[max + 1];
    java.util.Arrays.fill(fieldOf, -1);
    for (int i = 0; i < parsed.size(); i++) {
      fieldOf[parsed.get(i)[0]] = parsed.get(i)[1];
      valueOf[parsed.get(i)[0]] = values.get(i);
    }
    return new IpinyouReader(fieldOf, valueOf);
  }

  /** Reads data files in order (train, then test). */
  public ImpressionLog read(List<Path> files, String sha256) throws IOException {
    List<Impression> rows = new ArrayList<>();
    List<ReadReport> reports = new ArrayList<>();
    for (Path p : files) {
      reports.add(DelimitedReader.tsv(false, 1).read(p, r -> rows.add(parse(r, rows.size()))));
    }
    return new ImpressionLog(SCHEMA, rows, reports, sha256);
  }

  /** Reads data lines from a reader. */
  public ImpressionLog read(String source, Reader in) throws IOException {
    List<Impression> rows = new ArrayList<>();
    ReadReport report =
        DelimitedReader.tsv(false, 1).read(source, in, r -> rows.add(parse(r, rows.size())));
    return new ImpressionLog(SCHEMA, rows, List.of(report), "");
  }

  private Impression parse(CSVRecord r, long time) throws MalformedRowException {
    String[] tok = r.get(0).trim().split(" +");
    boolean clicked;
    if (tok[0].equals("1")) {
      clicked = true;
    } else if (tok[0].equals("0")) {
      clicked = false;
    } else {
      throw new MalformedRowException("label must be 0 or 1, got '" + tok[0] + "'");
    }
    String[] cat = new String[FIELDS.size()];
    java.util.Arrays.fill(cat, "");
    for (int t = 1; t < tok.length; t++) {
      String s = tok[t];
      if (!s.endsWith(":1")) {
        throw new MalformedRowException("token is not 'index:1': '" + s + "'");
      }
      int idx;
      try {
        idx = Integer.parseInt(s.substring(0, s.length() - 2));
      } catch (NumberFormatException e) {
        throw new MalformedRowException("index is not an integer: '" + s + "'");
      }
      if (idx < 0 || idx >= fieldOfIndex.length || fieldOfIndex[idx] < 0) {
        throw new MalformedRowException("unknown feature index " + idx);
      }
      int f = fieldOfIndex[idx];
      if (!cat[f].isEmpty()) {
        throw new MalformedRowException("field " + FIELDS.get(f) + " appears twice");
      }
      cat[f] = valueOfIndex[idx];
    }
    return new Impression(clicked, time, new float[0], cat);
  }
}
