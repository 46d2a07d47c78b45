package dev.mlsd.harmful.data;

import dev.mlsd.core.data.Datasets;
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
 * Reads Davidson et al.'s {@code labeled_data.csv}: a header, then {@code index, count,
 * hate_speech, offensive_language, neither, class, tweet}, tweets quoted and sometimes spanning
 * lines. A row is malformed (counted in the report, never used) when it has the wrong column count,
 * a non-integer count, votes that do not add up to the count, a class outside 0-2, or an empty
 * tweet.
 *
 * <p>Thread safety: stateless.
 */
public final class DavidsonLoader {
  /** The dataset's name in {@code datasets/}. */
  public static final String DATASET = "davidson-hate-speech";

  /** The file read. */
  public static final String FILE = "labeled_data.csv";

  private static final int COLUMNS = 7;

  private DavidsonLoader() {}

  /**
   * Finds the file through {@link Datasets} ({@code MLSD_DATA_DIR}, cache, download) and reads it.
   */
  public static Corpus load() throws IOException {
    Path file = Datasets.require(DATASET, FILE);
    return read(file);
  }

  /** Reads one file. */
  public static Corpus read(Path file) throws IOException {
    List<Post> posts = new ArrayList<>();
    ReadReport report = DelimitedReader.csv(true, COLUMNS).read(file, row -> posts.add(parse(row)));
    return new Corpus(posts, report, Datasets.sha256(file));
  }

  /** Reads from a reader (tests); the SHA-256 is empty. */
  public static Corpus read(String source, Reader in) throws IOException {
    List<Post> posts = new ArrayList<>();
    ReadReport report =
        DelimitedReader.csv(true, COLUMNS).read(source, in, row -> posts.add(parse(row)));
    return new Corpus(posts, report, "");
  }

  private static Post parse(CSVRecord row) throws MalformedRowException {
    String text = row.get(6);
    if (text.isBlank()) {
      throw new MalformedRowException("empty tweet");
    }
    try {
      return new Post(
          Integer.parseInt(row.get(0).trim()),
          text,
          Integer.parseInt(row.get(1).trim()),
          Integer.parseInt(row.get(2).trim()),
          Integer.parseInt(row.get(3).trim()),
          Integer.parseInt(row.get(4).trim()),
          Integer.parseInt(row.get(5).trim()));
    } catch (NumberFormatException e) {
      throw new MalformedRowException("not an integer: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new MalformedRowException(e.getMessage());
    }
  }
}
