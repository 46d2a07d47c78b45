package dev.mlsd.harmful.data;

import dev.mlsd.core.data.ReadReport;
import java.util.List;

/**
 * The posts of one file, with the loader's report (rows seen, accepted, malformed) and the file's
 * SHA-256 for model cards.
 *
 * @param posts the accepted posts, in file order
 * @param report what the loader saw
 * @param sha256 the file's SHA-256, lower-case hex
 */
public record Corpus(List<Post> posts, ReadReport report, String sha256) {
  /** Copies the list. */
  public Corpus {
    posts = List.copyOf(posts);
  }
}
