package dev.mlsd.videosearch.serving;

/**
 * The video encoder of the indexing pipeline: one video in, its embedding out, in the space of the
 * query encoder. The book's encoder reads sampled frames; here {@link CatalogueTextVideoEncoder}
 * reads the catalogue's text, because DiDeMo's frames are not available. A frame-level encoder
 * (decode one frame per second, embed each with an image CNN exported to core's {@code
 * InferenceGraph}, average the frame embeddings, project to the shared space) would implement this
 * interface and take the text encoder's place without touching the rest of the pipeline.
 *
 * <p>Thread safety: implementations may be called from several threads.
 *
 * <p>Book: chapter 4, "Model development" (video encoder: video-level vs frame-level) and "Video
 * indexing pipeline".
 */
public interface VideoEncoder {
  /** The embedding width. */
  int dimension();

  /**
   * Encodes one video.
   *
   * @param catalogueText the video's text in the catalogue (title, description, tags; here its
   *     indexed descriptions)
   * @param out receives {@link #dimension()} floats, not normalised
   */
  void encode(String catalogueText, float[] out);
}
