package dev.mlsd.core.inference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Serving loads the file and scores with no DL4J class: only the dl4j subpackage may import it. */
class NoDl4jOnTheServingPathTest {
  @Test
  void onlyTheExporterImportsDl4j() throws IOException {
    Path pkg = Path.of("src/main/java/dev/mlsd/core/inference");
    List<Path> sources;
    try (Stream<Path> s = Files.list(pkg)) {
      sources = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertTrue(sources.size() > 10, "found " + sources.size() + " sources");
    for (Path p : sources) {
      String text = Files.readString(p);
      assertTrue(
          !text.contains("import org.deeplearning4j") && !text.contains("import org.nd4j"),
          p + " imports DL4J");
    }
  }
}
