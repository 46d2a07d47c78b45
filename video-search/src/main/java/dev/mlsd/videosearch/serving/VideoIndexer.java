package dev.mlsd.videosearch.serving;

import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.videosearch.model.TextSearchIndex;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The indexing pipelines of chapter 4, in one place so that they never disagree: adding a video
 * embeds it with the video encoder and adds it to the ANN index (video indexing pipeline), adds its
 * text to the Lucene index (text indexing pipeline), and records it in the catalogue; the three
 * give it the same id. {@link #save} persists all three (Lucene commits its own files; the ANN
 * index and the catalogue are checksummed artifacts) and {@link #open} reloads them.
 *
 * <p>Thread safety: {@link #add} is synchronised (ids are assigned in order); searches may run
 * during an add and see the new video once the add returns.
 *
 * <p>Book: chapter 4, "Video indexing pipeline" and "Text indexing pipeline".
 */
public final class VideoIndexer {
  /** The ANN index file in a saved folder. */
  public static final String ANN_FILE = "videos.hnsw";

  /** The catalogue file in a saved folder. */
  public static final String CATALOGUE_FILE = "catalogue.bin";

  /** The Lucene folder in a saved folder. */
  public static final String LUCENE_DIR = "lucene";

  private final VideoEncoder encoder;
  private final TextSearchIndex text;
  private final HnswIndex ann;
  private final VideoCatalogue catalogue;
  private final float[] embedding;

  /**
   * @param encoder the video encoder
   * @param text the Lucene index
   * @param ann the ANN index (cosine), as many vectors as the catalogue has videos
   * @param catalogue the catalogue
   */
  public VideoIndexer(
      VideoEncoder encoder, TextSearchIndex text, HnswIndex ann, VideoCatalogue catalogue) {
    if (ann.size() != catalogue.size()) {
      throw new IllegalArgumentException(
          "ANN index has " + ann.size() + " vectors, catalogue " + catalogue.size() + " videos");
    }
    this.encoder = encoder;
    this.text = text;
    this.ann = ann;
    this.catalogue = catalogue;
    this.embedding = new float[encoder.dimension()];
  }

  /**
   * Adds one video to the catalogue, the ANN index and the Lucene index, searchable on return.
   *
   * @param name a unique name
   * @param uploader its uploader
   * @param catalogueText its text (title, description, tags)
   * @param available false for a private video
   * @return its id
   * @throws IllegalArgumentException if the name is taken or the text has no searchable word
   */
  public synchronized int add(String name, String uploader, String catalogueText, boolean available)
      throws IOException {
    int id = addUnpublished(name, uploader, catalogueText, available);
    text.refresh();
    return id;
  }

  /**
   * Adds many videos (the initial build), publishing the Lucene additions once at the end.
   *
   * @param names the unique names
   * @param uploaders their uploaders, same length
   * @param texts their catalogue texts, same length
   * @return the id of the first; the others follow in order
   */
  public synchronized int addAll(String[] names, String[] uploaders, String[] texts)
      throws IOException {
    if (names.length != uploaders.length || names.length != texts.length) {
      throw new IllegalArgumentException("names, uploaders and texts differ in length");
    }
    int first = catalogue.size();
    for (int i = 0; i < names.length; i++) {
      addUnpublished(names[i], uploaders[i], texts[i], true);
    }
    text.refresh();
    return first;
  }

  private int addUnpublished(String name, String uploader, String catalogueText, boolean available)
      throws IOException {
    if (catalogue.idOf(name) >= 0) {
      throw new IllegalArgumentException("a video named " + name + " exists already");
    }
    text.query(catalogueText); // refuses text with no searchable word before anything changes
    encoder.encode(catalogueText, embedding);
    int id = catalogue.add(name, uploader, catalogueText, embedding, available);
    int annId = ann.add(embedding);
    if (annId != id) {
      throw new IllegalStateException("ANN id " + annId + " != catalogue id " + id);
    }
    text.add(id, catalogueText);
    return id;
  }

  /** The catalogue. */
  public VideoCatalogue catalogue() {
    return catalogue;
  }

  /** The ANN index. */
  public HnswIndex ann() {
    return ann;
  }

  /** The Lucene index. */
  public TextSearchIndex text() {
    return text;
  }

  /**
   * Persists the three indexes into a folder whose Lucene index is {@code dir/lucene} (the text
   * index must have been opened there).
   */
  public synchronized void save(Path dir) throws IOException {
    text.commit();
    ann.save(dir.resolve(ANN_FILE));
    catalogue.save(dir.resolve(CATALOGUE_FILE));
  }

  /**
   * Reopens what {@link #save} wrote.
   *
   * @param dir the folder
   * @param encoder the video encoder that made the saved embeddings
   * @param stem whether the Lucene analyzer stems (as when it was built)
   */
  public static VideoIndexer open(Path dir, VideoEncoder encoder, boolean stem) throws IOException {
    VideoCatalogue c = VideoCatalogue.load(dir.resolve(CATALOGUE_FILE));
    HnswIndex a = HnswIndex.load(dir.resolve(ANN_FILE));
    TextSearchIndex t = TextSearchIndex.open(dir.resolve(LUCENE_DIR), stem);
    if (t.size() != c.size()) {
      t.close();
      throw new IOException(
          dir + ": Lucene has " + t.size() + " videos, the catalogue " + c.size());
    }
    return new VideoIndexer(encoder, t, a, c);
  }
}
