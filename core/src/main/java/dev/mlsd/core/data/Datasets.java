package dev.mlsd.core.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Finds a dataset's files, in this order:
 *
 * <ol>
 *   <li>an explicit folder: the environment variable {@value #ENV_DATA_DIR} or the system property
 *       {@value #PROP_DATA_DIR}, holding {@code <dataset>/<file>};
 *   <li>the local cache, {@value #ENV_CACHE_DIR} or {@code ~/.cache/mlsd}, same layout;
 *   <li>a download from the descriptor's URL into the cache, hashed while it streams, renamed into
 *       place atomically only when a checksum matches. A half-written file is never left under the
 *       final name. A download that stalls for {@link #READ_TIMEOUT} is abandoned, and one that
 *       declares or sends more bytes than the descriptor allows ({@link
 *       DatasetDescriptor.FileEntry#downloadCap()}) is refused as soon as it does.
 * </ol>
 *
 * Every file is checked against the descriptor's checksums before it is returned (once per JVM per
 * file state): the SHA-256 of its bytes, or the publisher's MD5 of its bytes, or the SHA-256 of its
 * gzip-decompressed content (so a distribution's re-gzipped copy and the publisher's original both
 * verify). A mismatch is refused, naming the file. With no local copy and no download, the
 * exception names the dataset, the variable to set and the URL.
 *
 * <p>Thread safety: instances are immutable apart from a thread-safe verification memo; concurrent
 * downloads of the same file each write their own temporary file and the last rename wins.
 */
public final class Datasets {
  /** Environment variable naming the folder that holds the datasets. */
  public static final String ENV_DATA_DIR = "MLSD_DATA_DIR";

  /** System property naming the folder that holds the datasets (wins over the variable). */
  public static final String PROP_DATA_DIR = "mlsd.data.dir";

  /** Environment variable naming the download cache folder. */
  public static final String ENV_CACHE_DIR = "MLSD_CACHE_DIR";

  private static final Map<String, String> VERIFIED = new ConcurrentHashMap<>();

  /** How long a download may stall (no byte arriving) before it is abandoned. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final Path dataDir;
  private final Path cacheDir;
  private final boolean downloads;
  private final Duration readTimeout;

  /**
   * @param dataDir the explicit folder, or null for none
   * @param cacheDir the cache folder
   * @param downloads whether a missing file may be downloaded
   */
  public Datasets(Path dataDir, Path cacheDir, boolean downloads) {
    this(dataDir, cacheDir, downloads, READ_TIMEOUT);
  }

  /** As above, with another stall timeout for downloads (tests). */
  Datasets(Path dataDir, Path cacheDir, boolean downloads, Duration readTimeout) {
    this.dataDir = dataDir;
    this.cacheDir = cacheDir;
    this.downloads = downloads;
    this.readTimeout = readTimeout;
  }

  /** The resolver configured from the environment: data folder, cache, downloads allowed. */
  public static Datasets fromEnvironment() {
    String dir = System.getProperty(PROP_DATA_DIR);
    if (dir == null || dir.isBlank()) {
      dir = System.getenv(ENV_DATA_DIR);
    }
    String cache = System.getenv(ENV_CACHE_DIR);
    Path cacheDir =
        cache == null || cache.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cache", "mlsd")
            : Path.of(cache);
    boolean offline = Boolean.getBoolean("mlsd.offline");
    return new Datasets(dir == null || dir.isBlank() ? null : Path.of(dir), cacheDir, !offline);
  }

  /**
   * Shorthand for {@code fromEnvironment().file(dataset, file)}.
   *
   * @throws DatasetUnavailableException if the file cannot be found, downloaded or verified
   */
  public static Path require(String dataset, String file) throws DatasetUnavailableException {
    return fromEnvironment().file(dataset, file);
  }

  /**
   * Finds one verified file of a dataset.
   *
   * @param dataset the dataset name, e.g. {@code "criteo-sample"}
   * @param file the file's path inside the dataset, e.g. {@code "train.txt"}
   * @return the path of a local copy that matches a checksum of the descriptor
   * @throws DatasetUnavailableException if no verified copy can be had; the message says what to do
   * @throws IllegalArgumentException if the project has no such dataset or file
   */
  public Path file(String dataset, String file) throws DatasetUnavailableException {
    return file(DatasetDescriptor.load(dataset), file);
  }

  /**
   * Finds one verified file of a dataset described by the given descriptor (for datasets that are
   * not packaged, and for tests).
   *
   * @throws DatasetUnavailableException if no verified copy can be had
   */
  public Path file(DatasetDescriptor d, String file) throws DatasetUnavailableException {
    String dataset = d.name();
    DatasetDescriptor.FileEntry entry = d.file(file);
    if (dataDir != null) {
      Path p = dataDir.resolve(dataset).resolve(file);
      if (Files.isRegularFile(p)) {
        return verified(dataset, entry, p);
      }
    }
    Path cached = cacheDir.resolve(dataset).resolve(file);
    if (Files.isRegularFile(cached)) {
      return verified(dataset, entry, cached);
    }
    if (entry.url() == null || !downloads) {
      throw new DatasetUnavailableException(missing(d, entry, null));
    }
    try {
      return download(dataset, entry, cached);
    } catch (DatasetUnavailableException e) {
      throw e;
    } catch (IOException e) {
      throw new DatasetUnavailableException(missing(d, entry, e.toString()), e);
    }
  }

  /**
   * The folder holding a dataset once every one of its files has been resolved and verified.
   *
   * @throws DatasetUnavailableException if any file cannot be had
   */
  public Path directory(String dataset) throws DatasetUnavailableException {
    Path dir = null;
    for (DatasetDescriptor.FileEntry f : DatasetDescriptor.load(dataset).files()) {
      if (f.alternativeTo() != null) {
        continue; // another source of data the dataset already has
      }
      Path p = file(dataset, f.path());
      Path parent = p;
      for (int i = 0; i < Path.of(f.path()).getNameCount(); i++) {
        parent = parent.getParent();
      }
      if (dir != null && !dir.equals(parent)) {
        throw new DatasetUnavailableException(
            "dataset '"
                + dataset
                + "' is split between "
                + dir
                + " and "
                + parent
                + "; keep it in one folder");
      }
      dir = parent;
    }
    return dir;
  }

  private String missing(
      DatasetDescriptor d, DatasetDescriptor.FileEntry f, String downloadFailure) {
    StringBuilder sb = new StringBuilder();
    sb.append("Dataset '")
        .append(d.name())
        .append("' file '")
        .append(f.path())
        .append("' is not available. ");
    sb.append("Set ")
        .append(ENV_DATA_DIR)
        .append(" (or -D")
        .append(PROP_DATA_DIR)
        .append(") to the folder that holds ");
    sb.append(d.name()).append('/').append(f.path());
    sb.append(dataDir == null ? " (it is unset)" : " (now " + dataDir + ")");
    if (f.url() != null) {
      sb.append(", or let it download from ").append(f.url()).append(" into ").append(cacheDir);
      if (downloadFailure != null) {
        sb.append(" (the download failed: ").append(downloadFailure).append(')');
      } else if (!downloads) {
        sb.append(" (downloads are off: -Dmlsd.offline=true)");
      }
    } else {
      sb.append(". No URL reproduces this file; see ").append(d.homepage());
      if (d.notes() != null) {
        sb.append(". ").append(d.notes());
      }
    }
    return sb.append('.').toString();
  }

  private static Path verified(String dataset, DatasetDescriptor.FileEntry entry, Path p)
      throws DatasetUnavailableException {
    try {
      String state =
          p.toAbsolutePath() + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis();
      String key = entry.checksums();
      if (key.equals(VERIFIED.get(state))) {
        return p;
      }
      Digests actual = Digests.of(p);
      if (!accepts(entry, actual, p)) {
        throw new DatasetUnavailableException(
            "Checksum mismatch for "
                + p
                + " (dataset '"
                + dataset
                + "'): SHA-256 is "
                + actual.sha256
                + ", the descriptor expects "
                + entry.checksums()
                + ". The file is damaged or a different version; replace it.");
      }
      VERIFIED.put(state, key);
      return p;
    } catch (DatasetUnavailableException e) {
      throw e;
    } catch (IOException e) {
      throw new DatasetUnavailableException("cannot read " + p + ": " + e, e);
    }
  }

  /** The SHA-256 and MD5 of a file's bytes. */
  private record Digests(String sha256, String md5) {
    static Digests of(Path p) throws IOException {
      MessageDigest sha = newDigest("SHA-256");
      MessageDigest md5 = newDigest("MD5");
      try (InputStream in = Files.newInputStream(p)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          sha.update(buf, 0, n);
          md5.update(buf, 0, n);
        }
      }
      return new Digests(
          HexFormat.of().formatHex(sha.digest()), HexFormat.of().formatHex(md5.digest()));
    }
  }

  /**
   * Whether a copy verifies: its bytes match the SHA-256 or the publisher's MD5, or its
   * gzip-decompressed content matches the content SHA-256 (checked last, as it reads the file
   * again).
   */
  private static boolean accepts(DatasetDescriptor.FileEntry entry, Digests actual, Path p)
      throws IOException {
    if (entry.sha256() != null && entry.sha256().equals(actual.sha256)) {
      return true;
    }
    if (entry.md5() != null && entry.md5().equals(actual.md5)) {
      return true;
    }
    return entry.contentSha256() != null && entry.contentSha256().equals(gunzippedSha256(p));
  }

  /** SHA-256 of a gzip file's decompressed bytes, or null if it is not gzip. */
  private static String gunzippedSha256(Path p) throws IOException {
    MessageDigest md = newSha256();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(p), 1 << 16)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    } catch (ZipException | EOFException e) {
      return null;
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private Path download(String dataset, DatasetDescriptor.FileEntry entry, Path target)
      throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      MessageDigest md = newSha256();
      MessageDigest md5 = newDigest("MD5");
      URI uri = URI.create(entry.url());
      long cap = entry.downloadCap();
      try (InputStream in = open(uri, cap, readTimeout);
          OutputStream out = Files.newOutputStream(tmp)) {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
          total += n;
          if (cap > 0 && total > cap) {
            // the descriptor's size is a hard cap: a server sending more is not serving this file
            throw new DatasetUnavailableException(
                "The download of '"
                    + entry.path()
                    + "' from "
                    + uri
                    + " is larger than the "
                    + cap
                    + " bytes its descriptor allows. Refused; nothing was kept.");
          }
          md.update(buf, 0, n);
          md5.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      String actual = HexFormat.of().formatHex(md.digest());
      Digests digests = new Digests(actual, HexFormat.of().formatHex(md5.digest()));
      if (!accepts(entry, digests, tmp)) {
        throw new DatasetUnavailableException(
            "Checksum mismatch for the download of '"
                + entry.path()
                + "' (dataset '"
                + dataset
                + "') from "
                + uri
                + ": SHA-256 is "
                + actual
                + ", expected "
                + entry.checksums()
                + ". Refused; nothing was kept.");
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Opens a download: a connect timeout of 10 s, a read timeout (a stall longer than {@code
   * readTimeout} fails the read), and a declared length over the descriptor's size refused before a
   * byte is read.
   */
  private static InputStream open(URI uri, long maxBytes, Duration readTimeout) throws IOException {
    if ("file".equals(uri.getScheme())) {
      return Files.newInputStream(Path.of(uri));
    }
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setConnectTimeout(10_000);
    c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
    c.setInstanceFollowRedirects(true);
    int status = c.getResponseCode();
    if (status != 200) {
      c.disconnect();
      throw new IOException("HTTP " + status + " from " + uri);
    }
    long declared = c.getContentLengthLong();
    if (maxBytes > 0 && declared > maxBytes) {
      c.disconnect();
      throw new IOException(
          "the server declares " + declared + " bytes, the descriptor " + maxBytes);
    }
    return c.getInputStream();
  }

  /** Lower-case hex SHA-256 of a file's bytes. */
  public static String sha256(Path p) throws IOException {
    MessageDigest md = newSha256();
    try (InputStream in = Files.newInputStream(p)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest newSha256() {
    return newDigest("SHA-256");
  }

  private static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }
}
