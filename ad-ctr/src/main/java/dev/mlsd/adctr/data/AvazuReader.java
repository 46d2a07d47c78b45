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
 * Reads the Avazu mobile-ad log: CSV with header {@code id, click, hour, C1, banner_pos, site_*,
 * app_*, device_*, C14..C21}; rows in time order ({@code hour} is {@code YYMMDDHH}). Every field
 * but {@code id} is categorical, and an {@code hour_of_day} field is derived from {@code hour}. A
 * row is malformed when it has the wrong column count, a click other than 0/1, or an hour that is
 * not 8 digits.
 *
 * <p>Sides: Avazu names its fields, so the split is natural: {@code C14} (the creative) to {@code
 * C21} are the ad side, with {@code C17} (each C14 belongs to exactly one C17 in the sample) as the
 * advertiser; site, app, device, banner position and hour are the request side; {@code device_type}
 * is targeted.
 *
 * <p>Thread safety: stateless.
 */
public final class AvazuReader {
  /** Columns per row. */
  public static final int COLUMNS = 24;

  private static final String[] CATEGORICAL = {
    "C1",
    "banner_pos",
    "site_id",
    "site_domain",
    "site_category",
    "app_id",
    "app_domain",
    "app_category",
    "device_id",
    "device_ip",
    "device_model",
    "device_type",
    "device_conn_type",
    "C14",
    "C15",
    "C16",
    "C17",
    "C18",
    "C19",
    "C20",
    "C21",
    "hour_of_day"
  };

  /** Avazu's fields and their sides. */
  public static final AdSchema SCHEMA =
      new AdSchema(
          "avazu-sample",
          List.of(),
          List.of(CATEGORICAL),
          List.of("C14", "C15", "C16", "C17", "C18", "C19", "C20", "C21"),
          "C17",
          "device_type",
          List.of(
              List.of("C14", "site_id"),
              List.of("C14", "app_id"),
              List.of("C17", "device_type"),
              List.of("banner_pos", "C16"),
              List.of("site_category", "app_category")),
          "Avazu names its fields: C14-C21 (creative, sizes, campaign) are the ad side, C17 the"
              + " advertiser; site, app, device, banner position and hour are the request side.");

  private AvazuReader() {}

  /** Reads Avazu CSV parts in order (the header is read from each part that has one). */
  public static ImpressionLog read(List<Path> parts, String sha256) throws IOException {
    List<Impression> rows = new ArrayList<>();
    List<ReadReport> reports = new ArrayList<>();
    boolean first = true;
    for (Path p : parts) {
      reports.add(DelimitedReader.csv(first, COLUMNS).read(p, r -> add(rows, r)));
      first = false;
    }
    return new ImpressionLog(SCHEMA, rows, reports, sha256);
  }

  /** Reads Avazu rows (with header) from a reader. */
  public static ImpressionLog read(String source, Reader in) throws IOException {
    List<Impression> rows = new ArrayList<>();
    ReadReport report = DelimitedReader.csv(true, COLUMNS).read(source, in, r -> add(rows, r));
    return new ImpressionLog(SCHEMA, rows, List.of(report), "");
  }

  private static void add(List<Impression> rows, CSVRecord r) throws MalformedRowException {
    if (r.get(0).equals("id")) {
      throw new MalformedRowException("a repeated header row");
    }
    String label = r.get(1);
    boolean clicked;
    if (label.equals("1")) {
      clicked = true;
    } else if (label.equals("0")) {
      clicked = false;
    } else {
      throw new MalformedRowException("click must be 0 or 1, got '" + label + "'");
    }
    String hour = r.get(2);
    if (hour.length() != 8 || !hour.chars().allMatch(Character::isDigit)) {
      throw new MalformedRowException("hour must be YYMMDDHH, got '" + hour + "'");
    }
    String[] cat = new String[CATEGORICAL.length];
    for (int i = 0; i < CATEGORICAL.length - 1; i++) {
      cat[i] = r.get(3 + i);
    }
    cat[CATEGORICAL.length - 1] = hour.substring(6);
    rows.add(new Impression(clicked, Long.parseLong(hour), new float[0], cat));
  }
}
