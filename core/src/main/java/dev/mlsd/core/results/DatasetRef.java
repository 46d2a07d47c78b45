package dev.mlsd.core.results;

import dev.mlsd.core.data.DatasetDescriptor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dataset a result was measured on.
 *
 * @param name the dataset's name (its folder under {@code $MLSD_DATA_DIR})
 * @param sha256 lower-case hex SHA-256: of the file itself when the demo read one file, else of the
 *     dataset's manifest (see {@link #ofFiles})
 */
public record DatasetRef(String name, String sha256) {
  /** Checks a non-blank name and 64 lower-case hex digits. */
  public DatasetRef {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a dataset needs a name");
    }
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
    }
  }

  /**
   * A dataset of several files: the SHA-256 of its manifest, the lines {@code "<path> <sha256>\n"}
   * sorted by path (so it changes when any file changes).
   */
  public static DatasetRef ofFiles(String name, Map<String, String> sha256ByPath) {
    StringBuilder manifest = new StringBuilder();
    new TreeMap<>(sha256ByPath)
        .forEach((path, sha) -> manifest.append(path).append(' ').append(sha).append('\n'));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(manifest.toString().getBytes(StandardCharsets.UTF_8));
      return new DatasetRef(name, HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /**
   * From a dataset's descriptor: the one file's checksum, or the manifest's ({@link #ofFiles}) when
   * it lists several. Alternative sources ({@code alternativeTo}) are left out.
   */
  public static DatasetRef of(DatasetDescriptor descriptor) {
    // an alternative source holds data the dataset already has: it does not change the reference
    var files = descriptor.files().stream().filter(f -> f.alternativeTo() == null).toList();
    if (files.size() == 1 && files.getFirst().sha256() != null) {
      return new DatasetRef(descriptor.name(), files.getFirst().sha256());
    }
    Map<String, String> bySha = new TreeMap<>();
    files.forEach(f -> bySha.put(f.path(), f.sha256() != null ? f.sha256() : f.checksums()));
    return ofFiles(descriptor.name(), bySha);
  }
}
