package dev.mlsd.visualsearch.data;

import dev.mlsd.core.data.DatasetDescriptor;
import dev.mlsd.core.data.DatasetUnavailableException;
import dev.mlsd.core.data.Datasets;
import dev.mlsd.core.data.ReadReport;
import dev.mlsd.core.data.RowProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST (Zalando, 2017): 60,000 training and 10,000 test greyscale 28x28 product photos in
 * 10 classes, read from the four IDX files of dataset {@code fashion-mnist} through core's {@link
 * Datasets} (the shared folder, the cache, or the upstream download verified by the SHA-256 of the
 * decompressed bytes).
 *
 * <p>An image whose label is outside 0..9 is malformed: it is dropped and counted in the {@link
 * ReadReport}, never kept silently. Images and labels of different counts are refused.
 *
 * <p>Book: chapter 2, "Data preparation" (the catalogue of product images).
 */
public final class FashionMnist {
  /** The dataset's name in {@code datasets/}. */
  public static final String DATASET = "fashion-mnist";

  /** The class names, index = label. */
  public static final List<String> CLASSES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  private FashionMnist() {}

  /**
   * The SHA-256 of the decompressed training images, from the dataset's descriptor: the same for
   * the publisher's files and the shared re-gzip, so it is the data part of an encoder's card key.
   */
  public static String contentSha256() throws IOException {
    return DatasetDescriptor.load(DATASET).file("train-images-idx3-ubyte.gz").contentSha256();
  }

  /** A split read from disk, with what the reader saw. */
  public record Split(ImageSet images, ReadReport report) {}

  /** The 60,000 training images (the gallery). */
  public static Split train(Datasets datasets) throws IOException, DatasetUnavailableException {
    return read(
        datasets.file(DATASET, "train-images-idx3-ubyte.gz"),
        datasets.file(DATASET, "train-labels-idx1-ubyte.gz"),
        "fashion-mnist train");
  }

  /** The 10,000 test images (the queries). */
  public static Split test(Datasets datasets) throws IOException, DatasetUnavailableException {
    return read(
        datasets.file(DATASET, "t10k-images-idx3-ubyte.gz"),
        datasets.file(DATASET, "t10k-labels-idx1-ubyte.gz"),
        "fashion-mnist test");
  }

  /**
   * Pairs an image file with its label file.
   *
   * @throws IOException if either file is not a well-formed IDX file or their counts differ
   */
  public static Split read(Path imagesFile, Path labelsFile, String name) throws IOException {
    IdxReader.Idx images = IdxReader.read(imagesFile, 3);
    IdxReader.Idx labels = IdxReader.read(labelsFile, 1);
    return pair(images, labels, name);
  }

  /** Pairs images with labels, dropping and counting images with an unknown label. */
  public static Split pair(IdxReader.Idx images, IdxReader.Idx labels, String name)
      throws IOException {
    if (images.count() != labels.count()) {
      throw new IOException(
          name + ": " + images.count() + " images but " + labels.count() + " labels");
    }
    int h = images.dims()[1];
    int w = images.dims()[2];
    int size = h * w;
    List<RowProblem> problems = new ArrayList<>();
    byte[] pixels = new byte[images.values().length];
    int[] kept = new int[images.count()];
    int n = 0;
    long malformed = 0;
    for (int i = 0; i < images.count(); i++) {
      int label = labels.values()[i] & 0xff;
      if (label >= CLASSES.size()) {
        malformed++;
        if (problems.size() < 5) {
          problems.add(new RowProblem(i + 1, "label " + label + " is not a class (0-9)"));
        }
        continue;
      }
      System.arraycopy(images.values(), i * size, pixels, n * size, size);
      kept[n++] = label;
    }
    if (images.trailingBytes() + labels.trailingBytes() > 0 && problems.size() < 5) {
      problems.add(
          new RowProblem(
              images.count() + 1,
              (images.trailingBytes() + labels.trailingBytes()) + " bytes after the last item"));
    }
    ImageSet set =
        new ImageSet(
            name,
            n,
            h,
            w,
            1,
            java.util.Arrays.copyOf(pixels, n * size),
            java.util.Arrays.copyOf(kept, n),
            CLASSES);
    return new Split(set, new ReadReport(name, images.count(), n, malformed, problems));
  }
}
