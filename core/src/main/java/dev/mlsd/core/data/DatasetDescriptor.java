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
   * One file of a dataset.
   *
   * @param path the path inside the dataset folder, e.g. {@code "train.txt"}
   * @param sha256 lower-case hex SHA-256 of the exact bytes
   * @param bytes the size in bytes
   * @param url a canonical download URL, or null if none reproduces the file
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FileEntry(String path, String sha256, long bytes, String url) {}

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
