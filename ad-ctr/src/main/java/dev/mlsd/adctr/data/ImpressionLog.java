package dev.mlsd.adctr.data;

import dev.mlsd.core.data.ReadReport;
import java.util.List;

/**
 * A loaded click log: its schema, its impressions in time order, and what the reader saw (rows
 * read, rows refused as malformed).
 *
 * @param schema the fields and their sides
 * @param rows the impressions, in time order (the order of the file)
 * @param reports one read report per file read
 * @param sha256 the SHA-256 of the (first) data file, for model cards
 */
public record ImpressionLog(
    AdSchema schema, List<Impression> rows, List<ReadReport> reports, String sha256) {
  /** Copies the lists. */
  public ImpressionLog {
    rows = List.copyOf(rows);
    reports = List.copyOf(reports);
  }

  /** Number of impressions. */
  public int size() {
    return rows.size();
  }

  /** Fraction of impressions clicked (the background CTR). */
  public double ctr() {
    return ctr(rows);
  }

  /** Rows refused by the readers, over all files. */
  public long malformed() {
    return reports.stream().mapToLong(ReadReport::malformed).sum();
  }

  /** Fraction clicked of a list of impressions; 0 for an empty list. */
  public static double ctr(List<Impression> rows) {
    if (rows.isEmpty()) {
      return 0;
    }
    long c = 0;
    for (Impression r : rows) {
      if (r.clicked()) {
        c++;
      }
    }
    return (double) c / rows.size();
  }
}
