package dev.mlsd.core.data;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What the project knows about one real dataset: where it comes from, its licence, and the SHA-256
 * of each file. Read from {@code datasets/<name>/dataset.json} in the repository (packaged into
 * core's jar).
 *
 * @param name the dataset's folder name, e.g. {@code "criteo-sample"}
 * @param description one paragraph: what the rows are
 * @param licence the licence or terms of use
 * @param citation how to cite it
 * @param homepage the canonical page
 * @param notes how to obtain it when no file URL is given; may be null
 * @param files every file, with its checksum and, where one exists, a download URL
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatasetDescriptor(
    String name,
    String description,
    String licence,
    String citation,
    String homepage,
    String notes,
    List<FileEntry> files) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One file of a dataset. A copy is accepted when any checksum given matches (see {@link
   * Datasets}): the SHA-256 of its bytes, the publisher's MD5 of its bytes, or the SHA-256 of its
   * gzip-decompressed content. The last lets a re-compressed copy (a distribution's re-gzip) and
   * the publisher's original both verify, since their decompressed bytes are identical.
   *
   * @param path the path inside the dataset folder, e.g. {@code "train.txt"}
   * @param sha256 lower-case hex SHA-256 of the exact bytes, or null when unknown
   * @param bytes the size in bytes (of the copy {@code sha256} describes; 0 when unknown); caps
   *     downloads (see {@link #downloadCap()})
   * @param url a canonical download URL, or null if none reproduces the file
   * @param contentSha256 lower-case hex SHA-256 of the gzip-decompressed bytes, or null
   * @param md5 lower-case hex MD5 of the exact bytes as the publisher gives it, or null
   * @param alternativeTo another file of this dataset that holds the same data, or null: a file
   *     with this set is not required by {@link Datasets#directory(String)}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FileEntry(
      String path,
      String sha256,
      long bytes,
      String url,
      String contentSha256,
      String md5,
      String alternativeTo) {
    public FileEntry {
      if (sha256 == null && contentSha256 == null && md5 == null) {
        throw new IllegalArgumentException("file '" + path + "' has no checksum");
      }
    }

    /** A file known by the SHA-256 of its bytes only. */
    public FileEntry(String path, String sha256, long bytes, String url) {
      this(path, sha256, bytes, url, null, null, null);
    }

    /**
     * The most bytes a download of this file may send; 0 = no cap (the size is unknown). The size
     * itself when only the SHA-256 can verify the file; with 1% + 64 KiB of slack when another
     * checksum can (the publisher's copy may be compressed differently from the one measured).
     */
    public long downloadCap() {
      if (bytes <= 0) {
        return 0;
      }
      return contentSha256 == null && md5 == null ? bytes : bytes + bytes / 100 + 65_536;
    }

    /** The checksums, for messages: e.g. {@code "SHA-256 ab12..., content SHA-256 cd34..."}. */
    public String checksums() {
      StringBuilder sb = new StringBuilder();
      if (sha256 != null) {
        sb.append("SHA-256 ").append(sha256);
      }
      if (md5 != null) {
        sb.append(sb.isEmpty() ? "" : " or ").append("MD5 ").append(md5);
      }
      if (contentSha256 != null) {
        sb.append(sb.isEmpty() ? "" : " or ")
            .append("SHA-256 of the decompressed content ")
            .append(contentSha256);
      }
      return sb.toString();
    }
  }

  /**
   * Loads the packaged descriptor of a dataset.
   *
   * @throws IllegalArgumentException if the project has no descriptor of that name
   */
  public static DatasetDescriptor load(String name) {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("not a dataset name: '" + name + "'");
    }
    String resource = "/datasets/" + name + "/dataset.json";
    try (InputStream in = DatasetDescriptor.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no descriptor for dataset '"
                + name
                + "' (expected datasets/"
                + name
                + "/dataset.json)");
      }
      return JSON.readValue(in, DatasetDescriptor.class);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable descriptor " + resource, e);
    }
  }

  /**
   * The entry for one file of this dataset.
   *
   * @throws IllegalArgumentException if the dataset has no such file
   */
  public FileEntry file(String path) {
    for (FileEntry f : files) {
      if (f.path().equals(path)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "dataset '"
            + name
            + "' has no file '"
            + path
            + "'; it has "
            + files.stream().map(FileEntry::path).toList());
  }
}
