package dev.mlsd.harmful.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The training log: every reviewer decision appended as one JSON line ({@link LabelledExample}),
 * flushed at once. The next training run reads it ({@link #read}) and adds the examples to its
 * training set: the book's loop where review outcomes become new labels.
 *
 * <p>Thread safety: {@link #append} is synchronized.
 *
 * <p>Book: chapter 5, "Serving" (human review outcomes feed back into training).
 */
public final class TrainingLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final BufferedWriter out;
  private long appended;

  /** What {@link #read} found: the examples and the lines it could not parse (counted, skipped). */
  public record Contents(List<LabelledExample> examples, int malformed) {
    /** Copies the list. */
    public Contents {
      examples = List.copyOf(examples);
    }
  }

  /** Opens (or creates) the log for appending. */
  public TrainingLog(Path file) throws IOException {
    this.file = file;
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Appends one example and flushes. */
  public synchronized void append(LabelledExample e) {
    try {
      out.write(JSON.writeValueAsString(e));
      out.newLine();
      out.flush();
      appended++;
    } catch (IOException ex) {
      throw new UncheckedIOException("training log " + file + ": " + ex.getMessage(), ex);
    }
  }

  /** Examples appended through this instance. */
  public synchronized long appended() {
    return appended;
  }

  /** The log's path. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a log; a missing file is an empty log. */
  public static Contents read(Path file) throws IOException {
    List<LabelledExample> examples = new ArrayList<>();
    int malformed = 0;
    if (!Files.exists(file)) {
      return new Contents(examples, 0);
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      try {
        LabelledExample e = JSON.readValue(line, LabelledExample.class);
        ReviewDecision.parse(e.decision());
        if (e.text() == null) {
          throw new IllegalArgumentException("no text");
        }
        examples.add(e);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        malformed++;
      }
    }
    return new Contents(examples, malformed);
  }
}
