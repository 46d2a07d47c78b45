package dev.mlsd.visualsearch.serving;

import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.io.Artifact;
import dev.mlsd.core.io.ArtifactFile;
import dev.mlsd.visualsearch.features.Preprocessor;
import dev.mlsd.visualsearch.model.ImageEmbedder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The indexing pipeline of chapter 2: a new image is preprocessed and embedded with the serving
 * encoder and added to the HNSW index and the gallery, without a rebuild; searches running at the
 * same time see it as soon as it is added. The index and the gallery are saved and reloaded
 * together (the index through core's {@link dev.mlsd.core.ann.HnswIndexFile}, the gallery as an
 * {@link ArtifactFile} of kind {@value #GALLERY_KIND}).
 *
 * <p>Thread safety: additions are serialised by this object's lock; searches never wait for it.
 *
 * <p>Book: chapter 2, "Serving: indexing pipeline".
 */
public final class IndexingPipeline {
  /** The artifact kind of a saved gallery. */
  public static final String GALLERY_KIND = "visual-search-gallery";

  private final Preprocessor pre;
  private final ImageEmbedder encoder;
  private final HnswIndex index;
  private final Gallery gallery;

  public IndexingPipeline(
      Preprocessor pre, ImageEmbedder encoder, HnswIndex index, Gallery gallery) {
    if (index.size() != gallery.size()) {
      throw new IllegalArgumentException(
          "index holds " + index.size() + " vectors, gallery " + gallery.size() + " images");
    }
    this.pre = pre;
    this.encoder = encoder;
    this.index = index;
    this.gallery = gallery;
  }

  /**
   * Embeds and indexes one image of the gallery's shape.
   *
   * @param pixels {@code gallery.imageSize()} bytes, channels-last
   * @return the new image's id
   */
  public synchronized int add(byte[] pixels) {
    float[] x = new float[pre.imageSize()];
    pre.apply(pixels, 0, x, 0);
    float[] e = new float[encoder.dimension()];
    encoder.embed(x, 0, 1, e);
    return addEmbedded(pixels, 0, e);
  }

  /** Adds an image whose embedding is known (the initial bulk load). */
  public synchronized int addEmbedded(byte[] pixels, int offset, float[] embedding) {
    int id = gallery.append(pixels, offset, embedding, 0);
    int indexed = index.add(embedding);
    if (indexed != id) {
      throw new IllegalStateException("index id " + indexed + " != gallery id " + id);
    }
    return id;
  }

  /**
   * Adds many images whose embeddings are known (the initial bulk load), building the index with
   * several threads (core's concurrent HNSW build: the graph's quality is the same within noise,
   * but not bit-for-bit reproducible). Ids are consecutive, in the order given.
   *
   * @param pixels {@code count} images, back to back
   * @param embeddings {@code count} embeddings, back to back
   * @param count images to add
   * @param threads builder threads, at least 1
   * @return the first id
   */
  public synchronized int addAllEmbedded(
      byte[] pixels, float[] embeddings, int count, int threads) {
    int d = gallery.dimension();
    int first = gallery.size();
    if (index.size() != first) {
      throw new IllegalStateException("index size " + index.size() + " != gallery size " + first);
    }
    float[][] rows = new float[count][];
    for (int i = 0; i < count; i++) {
      rows[i] = java.util.Arrays.copyOfRange(embeddings, i * d, (i + 1) * d);
    }
    int indexed = index.addAll(rows, threads);
    for (int i = 0; i < count; i++) {
      gallery.append(pixels, i * gallery.imageSize(), embeddings, i * d);
    }
    if (indexed != first) {
      throw new IllegalStateException("index id " + indexed + " != gallery id " + first);
    }
    return first;
  }

  /** Saves the index and the gallery into a folder ({@code index.mlsd}, {@code gallery.mlsd}). */
  public synchronized void save(Path dir) throws IOException {
    index.save(dir.resolve("index.mlsd"));
    int n = gallery.size();
    int isz = gallery.imageSize();
    int d = gallery.dimension();
    ByteBuffer b = ByteBuffer.allocate(20 + n * isz + n * d * 4 + n).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(n).putInt(gallery.height()).putInt(gallery.width()).putInt(gallery.channels());
    b.putInt(d);
    byte[] img = new byte[isz];
    for (int i = 0; i < n; i++) {
      gallery.image(i, img);
      b.put(img);
    }
    float[] e = gallery.embeddings();
    for (int i = 0; i < n * d; i++) {
      b.putFloat(e[i]);
    }
    for (int i = 0; i < n; i++) {
      b.put((byte) (gallery.isPrivate(i) ? 1 : 0));
    }
    b.flip();
    ArtifactFile.write(dir.resolve("gallery.mlsd"), GALLERY_KIND, 1, "{}", b);
  }

  /** A reloaded index and gallery. */
  public record Loaded(HnswIndex index, Gallery gallery) {}

  /**
   * Reloads what {@link #save} wrote.
   *
   * @throws IOException if a file is missing, corrupt, or the two disagree
   */
  public static Loaded load(Path dir) throws IOException {
    HnswIndex index = HnswIndex.load(dir.resolve("index.mlsd"));
    Artifact a = ArtifactFile.read(dir.resolve("gallery.mlsd"), GALLERY_KIND, 1);
    ByteBuffer b = a.payload().order(ByteOrder.LITTLE_ENDIAN);
    int n = b.getInt();
    int h = b.getInt();
    int w = b.getInt();
    int c = b.getInt();
    int d = b.getInt();
    long need = (long) n * h * w * c + (long) n * d * 4 + n;
    if (n < 0 || h < 1 || w < 1 || d < 1 || b.remaining() != need || n != index.size()) {
      throw new IOException(dir + ": gallery and index disagree or the gallery file is malformed");
    }
    Gallery g = new Gallery(h, w, c, d, n);
    byte[] img = new byte[h * w * c];
    byte[][] images = new byte[n][];
    for (int i = 0; i < n; i++) {
      b.get(img);
      images[i] = img.clone();
    }
    float[] e = new float[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        e[j] = b.getFloat();
      }
      g.append(images[i], 0, e, 0);
      images[i] = null;
    }
    for (int i = 0; i < n; i++) {
      if (b.get() != 0) {
        g.setPrivate(i, true);
      }
    }
    return new Loaded(index, g);
  }
}
