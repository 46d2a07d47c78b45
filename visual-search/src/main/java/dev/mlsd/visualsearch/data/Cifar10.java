package dev.mlsd.visualsearch.data;

import dev.mlsd.core.data.DatasetUnavailableException;
import dev.mlsd.core.data.Datasets;
import dev.mlsd.core.data.ReadReport;
import dev.mlsd.core.data.RowProblem;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;

/**
 * The CIFAR-10 test split (Krizhevsky, 2009): 10,000 colour 32x32 photos, 1,000 in each of 10
 * classes, from either of two sources that give the same images in the same order (class by class,
 * and within a class in the order of the canonical release):
 *
 * <ul>
 *   <li>{@code cifar10-test.zip}: {@code test/<class>/NNNN.jpg}, decoded with {@code javax.imageio}
 *       (JPEG, so pixel values differ from the canonical bytes by the compression error);
 *   <li>{@code cifar-10-binary.tar.gz}, the publisher's binary release: {@code test_batch.bin}
 *       holds 10,000 records of one label byte and 3,072 pixel bytes (1,024 red, 1,024 green, 1,024
 *       blue, each row-major); read with a small tar reader, converted to channels-last.
 * </ul>
 *
 * A file that does not decode as an image, or has another size, is counted as malformed and
 * skipped.
 *
 * <p>Book: chapter 2 (a second catalogue, of natural photos).
 */
public final class Cifar10 {
  /** The dataset's name in {@code datasets/}. */
  public static final String DATASET = "cifar10-test";

  /** The zip of JPEGs. */
  public static final String ZIP = "cifar10-test.zip";

  /** The publisher's binary release. */
  public static final String BINARY = "cifar-10-binary.tar.gz";

  /** The class names, index = label (the canonical {@code batches.meta.txt} order). */
  public static final List<String> CLASSES =
      List.of(
          "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  private static final int SIDE = 32;
  private static final int SIZE = SIDE * SIDE * 3;

  private Cifar10() {}

  /** The images with what the reader saw. */
  public record Loaded(ImageSet images, ReadReport report) {}

  /**
   * The test split from whichever source is available: the zip first, else the binary release.
   *
   * @throws DatasetUnavailableException if neither can be had
   */
  public static Loaded load(Datasets datasets) throws IOException, DatasetUnavailableException {
    Path zip;
    try {
      zip = datasets.file(DATASET, ZIP);
    } catch (DatasetUnavailableException zipMissing) {
      try {
        return readBinary(datasets.file(DATASET, BINARY));
      } catch (DatasetUnavailableException binaryMissing) {
        throw new DatasetUnavailableException(
            zipMissing.getMessage() + " Or: " + binaryMissing.getMessage(), binaryMissing);
      }
    }
    return readZip(zip);
  }

  /** Reads the zip of JPEGs. */
  public static Loaded readZip(Path zip) throws IOException {
    TreeMap<String, byte[]> images = new TreeMap<>();
    List<RowProblem> problems = new ArrayList<>();
    long seen = 0;
    long malformed = 0;
    TreeMap<String, Integer> labelOf = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.isDirectory() || !e.getName().endsWith(".jpg")) {
          continue;
        }
        seen++;
        String[] parts = e.getName().split("/");
        int label = parts.length >= 2 ? CLASSES.indexOf(parts[parts.length - 2]) : -1;
        byte[] rgb = label < 0 ? null : decode(in.readAllBytes());
        if (rgb == null) {
          malformed++;
          if (problems.size() < 5) {
            problems.add(
                new RowProblem(
                    seen,
                    e.getName()
                        + (label < 0 ? ": not under a class folder" : ": not a 32x32 image")));
          }
          continue;
        }
        // class-major, then file name: the canonical order within each class
        String key = String.format("%02d/%s", label, parts[parts.length - 1]);
        images.put(key, rgb);
        labelOf.put(key, label);
      }
    }
    byte[] pixels = new byte[images.size() * SIZE];
    int[] labels = new int[images.size()];
    int i = 0;
    for (var entry : images.entrySet()) {
      System.arraycopy(entry.getValue(), 0, pixels, i * SIZE, SIZE);
      labels[i++] = labelOf.get(entry.getKey());
    }
    String name = "cifar10-test (JPEG zip)";
    return new Loaded(
        new ImageSet(name, labels.length, SIDE, SIDE, 3, pixels, labels, CLASSES),
        new ReadReport(zip.getFileName().toString(), seen, labels.length, malformed, problems));
  }

  /** Decodes one JPEG or PNG to 32x32 RGB bytes, or null when it is not such an image. */
  private static byte[] decode(byte[] bytes) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
      if (img == null || img.getWidth() != SIDE || img.getHeight() != SIDE) {
        return null;
      }
      byte[] out = new byte[SIZE];
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          int argb = img.getRGB(x, y);
          int o = (y * SIDE + x) * 3;
          out[o] = (byte) (argb >> 16);
          out[o + 1] = (byte) (argb >> 8);
          out[o + 2] = (byte) argb;
        }
      }
      return out;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Reads {@code test_batch.bin} from the publisher's {@code cifar-10-binary.tar.gz} and orders its
   * images class by class (stable within a class).
   *
   * @throws IOException if the archive has no test batch or the batch is truncated
   */
  public static Loaded readBinary(Path tarGz) throws IOException {
    byte[] batch = null;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tarGz), 1 << 16)) {
      batch = TarEntries.find(in, "test_batch.bin");
    }
    if (batch == null) {
      throw new IOException(tarGz.getFileName() + ": no test_batch.bin in the archive");
    }
    return fromBatch(batch, tarGz.getFileName().toString());
  }

  /** Converts the records of a CIFAR-10 binary batch (label byte + 3,072 planar pixel bytes). */
  public static Loaded fromBatch(byte[] batch, String source) throws IOException {
    int record = 1 + SIZE;
    if (batch.length % record != 0) {
      throw new IOException(
          source + ": test_batch.bin is " + batch.length + " bytes, not a multiple of " + record);
    }
    int n = batch.length / record;
    List<RowProblem> problems = new ArrayList<>();
    long malformed = 0;
    int[] order = new int[n];
    int kept = 0;
    for (int c = 0; c < CLASSES.size(); c++) {
      for (int r = 0; r < n; r++) {
        if ((batch[r * record] & 0xff) == c) {
          order[kept++] = r;
        }
      }
    }
    for (int r = 0; r < n; r++) {
      if ((batch[r * record] & 0xff) >= CLASSES.size()) {
        malformed++;
        if (problems.size() < 5) {
          problems.add(
              new RowProblem(r + 1, "label " + (batch[r * record] & 0xff) + " is not a class"));
        }
      }
    }
    byte[] pixels = new byte[kept * SIZE];
    int[] labels = new int[kept];
    int plane = SIDE * SIDE;
    for (int i = 0; i < kept; i++) {
      int base = order[i] * record;
      labels[i] = batch[base] & 0xff;
      for (int p = 0; p < plane; p++) {
        for (int ch = 0; ch < 3; ch++) {
          pixels[i * SIZE + p * 3 + ch] = batch[base + 1 + ch * plane + p];
        }
      }
    }
    return new Loaded(
        new ImageSet("cifar10-test (binary release)", kept, SIDE, SIDE, 3, pixels, labels, CLASSES),
        new ReadReport(source, n, kept, malformed, problems));
  }
}
