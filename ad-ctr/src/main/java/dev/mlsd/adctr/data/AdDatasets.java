package dev.mlsd.adctr.data;

import dev.mlsd.core.data.DatasetDescriptor;
import dev.mlsd.core.data.Datasets;
import java.io.IOException;
import java.util.List;

/**
 * Loads one of the three click logs by its dataset name, through the project's {@link Datasets}
 * resolver (which verifies checksums).
 */
public final class AdDatasets {
  /** The datasets this module runs on. */
  public static final List<String> NAMES =
      List.of("criteo-sample", "avazu-sample", "ipinyou-sample");

  private AdDatasets() {}

  /**
   * Loads a dataset.
   *
   * @throws IllegalArgumentException for a name not in {@link #NAMES}
   * @throws IOException if a file cannot be found or read
   */
  public static ImpressionLog load(String name) throws IOException {
    DatasetDescriptor d;
    switch (name) {
      case "criteo-sample" -> {
        d = DatasetDescriptor.load(name);
        return CriteoReader.read(Datasets.require(name, "train.txt"), d.file("train.txt").sha256());
      }
      case "avazu-sample" -> {
        d = DatasetDescriptor.load(name);
        return AvazuReader.read(
            List.of(
                Datasets.require(name, "train_part1.csv"),
                Datasets.require(name, "train_part2.csv")),
            d.file("train_part1.csv").sha256());
      }
      case "ipinyou-sample" -> {
        d = DatasetDescriptor.load(name);
        IpinyouReader reader =
            IpinyouReader.withFeatureIndex(Datasets.require(name, "featindex.fm.txt"));
        return reader.read(
            List.of(Datasets.require(name, "train.fm.txt"), Datasets.require(name, "test.fm.txt")),
            d.file("train.fm.txt").sha256());
      }
      default ->
          throw new IllegalArgumentException(
              "unknown dataset '" + name + "'; choose one of " + NAMES);
    }
  }
}
