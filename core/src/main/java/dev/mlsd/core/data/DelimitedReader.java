package dev.mlsd.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a delimited file (CSV with quoted fields and quoted newlines, or TSV) row by row through
 * Apache Commons CSV, and counts every row it cannot use. A row is malformed when its column count
 * is wrong, or when the handler refuses it by throwing {@link MalformedRowException}; the first
 * {@value #KEPT_PROBLEMS} such rows are kept with their line numbers for the report. Files ending
 * in {@code .gz} are decompressed on the fly.
 *
 * <p>Thread safety: an instance is immutable and may be shared; each {@link #read} call is
 * independent.
 */
public final class DelimitedReader {
  /** How many malformed rows a report keeps in full. */
  public static final int KEPT_PROBLEMS = 5;

  /** Handles one accepted-shape row. */
  @FunctionalInterface
  public interface RowHandler {
    /**
     * @param row the parsed row; valid only during this call
     * @throws MalformedRowException to refuse the row (it is counted, not dropped silently)
     */
    void accept(CSVRecord row) throws MalformedRowException;
  }

  private final CSVFormat format;
  private final int expectedColumns;

  private DelimitedReader(CSVFormat format, int expectedColumns) {
    this.format = format;
    this.expectedColumns = expectedColumns;
  }

  /**
   * A comma-separated reader (RFC 4180 quoting, quoted newlines allowed).
   *
   * @param header whether the first row is a header (skipped, and its names made available by name)
   * @param expectedColumns the column count every row must have, or 0 for any
   */
  public static DelimitedReader csv(boolean header, int expectedColumns) {
    CSVFormat.Builder b =
        CSVFormat.RFC4180
            .builder()
            .setIgnoreSurroundingSpaces(false)
            .setAllowMissingColumnNames(true);
    if (header) {
      b.setHeader().setSkipHeaderRecord(true);
    }
    return new DelimitedReader(b.get(), expectedColumns);
  }

  /**
   * A tab-separated reader with no quoting (Criteo style: empty field = missing).
   *
   * @param header whether the first row is a header
   * @param expectedColumns the column count every row must have, or 0 for any
   */
  public static DelimitedReader tsv(boolean header, int expectedColumns) {
    CSVFormat.Builder b =
        CSVFormat.Builder.create()
            .setDelimiter('\t')
            .setQuote(null)
            .setRecordSeparator('\n')
            .setIgnoreEmptyLines(true);
    if (header) {
      b.setHeader().setSkipHeaderRecord(true);
    }
    return new DelimitedReader(b.get(), expectedColumns);
  }

  /**
   * Reads every row of a file.
   *
   * @param file the file; {@code .gz} is decompressed
   * @param handler called once per row of the expected shape, in file order
   * @return the counts, with the first malformed rows
   * @throws IOException if the file cannot be read at all (a broken quote that swallows the rest of
   *     the file is reported this way, with the line number)
   */
  public ReadReport read(Path file, RowHandler handler) throws IOException {
    try (Reader r = open(file)) {
      return read(file.getFileName().toString(), r, handler);
    }
  }

  /**
   * Reads every row from a reader (for tests and in-memory data).
   *
   * @param source a name for the report
   */
  public ReadReport read(String source, Reader reader, RowHandler handler) throws IOException {
    long rows = 0;
    long accepted = 0;
    long malformed = 0;
    List<RowProblem> problems = new ArrayList<>();
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      // lines consumed so far (the header included); a record starts on the line after them, and
      // may span several lines when a quoted field holds newlines
      long linesBefore = parser.getCurrentLineNumber();
      for (CSVRecord row : parser) {
        rows++;
        long line = linesBefore + 1;
        linesBefore = parser.getCurrentLineNumber();
        String reason = null;
        if (expectedColumns > 0 && row.size() != expectedColumns) {
          reason = "expected " + expectedColumns + " columns, found " + row.size();
        } else {
          try {
            handler.accept(row);
            accepted++;
          } catch (MalformedRowException e) {
            reason = e.getMessage();
          }
        }
        if (reason != null) {
          malformed++;
          if (problems.size() < KEPT_PROBLEMS) {
            problems.add(new RowProblem(line, reason));
          }
        }
      }
    } catch (java.io.UncheckedIOException e) {
      throw new IOException(source + ": " + e.getCause().getMessage(), e.getCause());
    }
    return new ReadReport(source, rows, accepted, malformed, problems);
  }

  private static Reader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }
}
