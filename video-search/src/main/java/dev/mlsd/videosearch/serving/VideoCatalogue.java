package dev.mlsd.videosearch.serving;

import dev.mlsd.core.io.Artifact;
import dev.mlsd.core.io.ArtifactFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What serving knows about each video besides the two indexes: its name, uploader, catalogue text,
 * whether it is available (not removed, not private) and its unit-length embedding (for the
 * near-duplicate rule). Video ids are dense, {@code 0 .. size() - 1}, the same ids the Lucene index
 * and the ANN index use.
 *
 * <p>Thread safety: {@link #add} and {@link #setAvailable} are synchronised; readers never lock. An
 * id becomes visible to readers only after its row is complete ({@link #size()} is volatile and
 * written last; grown arrays are published before the size moves past the old capacity).
 *
 * <p>Book: chapter 4, "Video indexing pipeline" (the video's metadata beside its embedding).
 */
public final class VideoCatalogue {
  /** The artifact kind of a saved catalogue. */
  public static final String KIND = "video-catalogue";

  private static final int VERSION = 1;

  private final int dimension;
  private volatile String[] names;
  private volatile String[] texts;
  private volatile int[] uploaders;
  private volatile float[] embeddings;
  private volatile boolean[] available;
  private final Map<String, Integer> uploaderIds = new HashMap<>();
  private final Map<String, Integer> byName = new HashMap<>();
  private volatile int size;
  private volatile int uploaderCount;

  /**
   * @param dimension the embedding width
   */
  public VideoCatalogue(int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
    }
    this.dimension = dimension;
    int cap = 16;
    names = new String[cap];
    texts = new String[cap];
    uploaders = new int[cap];
    embeddings = new float[cap * dimension];
    available = new boolean[cap];
  }

  /** The embedding width. */
  public int dimension() {
    return dimension;
  }

  /** The number of videos. */
  public int size() {
    return size;
  }

  /**
   * Adds a video.
   *
   * @param name its unique name
   * @param uploader its uploader
   * @param text its catalogue text
   * @param embedding its embedding (normalised here to unit length)
   * @param isAvailable false for a removed or private video
   * @return its id
   * @throws IllegalArgumentException if the name is taken or the embedding is zero or of the wrong
   *     length
   */
  public synchronized int add(
      String name, String uploader, String text, float[] embedding, boolean isAvailable) {
    if (byName.containsKey(name)) {
      throw new IllegalArgumentException("a video named " + name + " exists already");
    }
    if (embedding.length != dimension) {
      throw new IllegalArgumentException("embedding has " + embedding.length + " values");
    }
    double norm = 0;
    for (float x : embedding) {
      norm += x * x;
    }
    if (!(norm > 0) || !Double.isFinite(norm)) {
      throw new IllegalArgumentException("embedding is zero or not finite");
    }
    int id = size;
    if (id == names.length) {
      int cap = id * 2;
      names = Arrays.copyOf(names, cap);
      texts = Arrays.copyOf(texts, cap);
      uploaders = Arrays.copyOf(uploaders, cap);
      embeddings = Arrays.copyOf(embeddings, cap * dimension);
      available = Arrays.copyOf(available, cap);
    }
    names[id] = name;
    texts[id] = text;
    uploaders[id] = uploaderIds.computeIfAbsent(uploader, u -> uploaderIds.size());
    uploaderCount = uploaderIds.size();
    float inv = (float) (1 / Math.sqrt(norm));
    for (int j = 0; j < dimension; j++) {
      embeddings[id * dimension + j] = embedding[j] * inv;
    }
    available[id] = isAvailable;
    byName.put(name, id);
    size = id + 1;
    return id;
  }

  /** Marks a video removed or private (false) or available again (true). */
  public synchronized void setAvailable(int id, boolean isAvailable) {
    check(id);
    available[id] = isAvailable;
  }

  /** Whether a video may be shown (not removed, not private). */
  public boolean available(int id) {
    return available[id];
  }

  /** A video's name. */
  public String name(int id) {
    check(id);
    return names[id];
  }

  /** A video's catalogue text. */
  public String text(int id) {
    check(id);
    return texts[id];
  }

  /** A video's uploader as a dense id ({@code 0 .. uploaderCount() - 1}). */
  public int uploader(int id) {
    return uploaders[id];
  }

  /** The number of distinct uploaders. */
  public int uploaderCount() {
    return uploaderCount;
  }

  /** The video id of a name, or -1. */
  public synchronized int idOf(String name) {
    Integer id = byName.get(name);
    return id == null ? -1 : id;
  }

  /** The cosine similarity of two videos' embeddings (allocation-free). */
  public float cosine(int a, int b) {
    float[] e = embeddings;
    int oa = a * dimension;
    int ob = b * dimension;
    float s = 0f;
    for (int j = 0; j < dimension; j++) {
      s += e[oa + j] * e[ob + j];
    }
    return s;
  }

  private void check(int id) {
    if (id < 0 || id >= size) {
      throw new IllegalArgumentException("no video " + id + " (catalogue has " + size + ")");
    }
  }

  /** Writes the catalogue as one checksummed artifact. */
  public synchronized void save(Path file) throws IOException {
    String[] uploaderNames = new String[uploaderIds.size()];
    uploaderIds.forEach((u, i) -> uploaderNames[i] = u);
    byte[][] ns = new byte[size][];
    byte[][] ts = new byte[size][];
    byte[][] us = new byte[uploaderNames.length][];
    long bytes = 12;
    for (int i = 0; i < uploaderNames.length; i++) {
      us[i] = uploaderNames[i].getBytes(StandardCharsets.UTF_8);
      bytes += 4 + us[i].length;
    }
    for (int i = 0; i < size; i++) {
      ns[i] = names[i].getBytes(StandardCharsets.UTF_8);
      ts[i] = texts[i].getBytes(StandardCharsets.UTF_8);
      bytes += 4 + ns[i].length + 4 + ts[i].length + 4 + 1 + 4L * dimension;
    }
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(dimension).putInt(size).putInt(uploaderNames.length);
    for (byte[] u : us) {
      b.putInt(u.length).put(u);
    }
    for (int i = 0; i < size; i++) {
      b.putInt(ns[i].length).put(ns[i]).putInt(ts[i].length).put(ts[i]);
      b.putInt(uploaders[i]).put((byte) (available[i] ? 1 : 0));
      for (int j = 0; j < dimension; j++) {
        b.putFloat(embeddings[i * dimension + j]);
      }
    }
    b.flip();
    ArtifactFile.write(file, KIND, VERSION, "{}", b);
  }

  /** Reads a saved catalogue. */
  public static VideoCatalogue load(Path file) throws IOException {
    Artifact a = ArtifactFile.read(file, KIND, VERSION);
    ByteBuffer b = a.payload().order(ByteOrder.LITTLE_ENDIAN);
    try {
      int dim = b.getInt();
      int n = b.getInt();
      int nu = b.getInt();
      if (dim < 1 || n < 0 || nu < 0 || nu > n) {
        throw new IOException(file + ": bad catalogue header");
      }
      String[] us = new String[nu];
      for (int i = 0; i < nu; i++) {
        us[i] = string(b);
      }
      VideoCatalogue c = new VideoCatalogue(dim);
      float[] e = new float[dim];
      for (int i = 0; i < n; i++) {
        String name = string(b);
        String text = string(b);
        int u = b.getInt();
        boolean avail = b.get() != 0;
        for (int j = 0; j < dim; j++) {
          e[j] = b.getFloat();
        }
        if (u < 0 || u >= nu) {
          throw new IOException(file + ": uploader id out of range");
        }
        c.add(name, us[u], text, e, avail);
      }
      return c;
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw new IOException(file + ": corrupt catalogue: " + e.getMessage(), e);
    }
  }

  private static String string(ByteBuffer b) {
    int len = b.getInt();
    if (len < 0 || len > b.remaining()) {
      throw new IllegalArgumentException("string length " + len);
    }
    byte[] bytes = new byte[len];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
