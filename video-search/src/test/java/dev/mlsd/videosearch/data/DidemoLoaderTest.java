package dev.mlsd.videosearch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DidemoLoaderTest {
  @TempDir Path dir;

  @Test
  void countsMalformedRecordsAndGroupsByVideo() throws IOException {
    Files.writeString(
        dir.resolve("val_data.json"),
        """
        [{"video": "u1@N0_2.mp4", "description": "b second", "annotation_id": 5},
         {"video": "u1@N0_2.mp4", "description": "a first", "annotation_id": 3},
         {"video": "u2@N0_1.mp4", "description": "  ", "annotation_id": 9},
         {"video": "u2@N0_1.mp4", "description": "x", "annotation_id": "seven"},
         {"video": "nouploader.mp4", "description": "x", "annotation_id": 11}]
        """);
    Files.writeString(
        dir.resolve("test_data.json"),
        """
        [{"video": "u3@N0_1.mp4", "description": "c", "annotation_id": 5},
         {"video": "u3@N0_1.mp4", "description": "d", "annotation_id": 6}]
        """);
    DidemoLoader.Loaded l = DidemoLoader.load(dir);
    assertEquals(2, l.videos().size());
    Video first = l.videos().get(0);
    assertEquals("u1@N0_2.mp4", first.name());
    assertEquals("u1@N0", first.uploader());
    assertEquals(3, first.descriptions().get(0).annotationId());
    assertEquals(5, l.reports().get(0).rows());
    assertEquals(3, l.reports().get(0).malformed());
    // annotation id 5 again in the second file
    assertEquals(1, l.reports().get(1).malformed());
    assertEquals(3, l.descriptions());
  }

  @Test
  void refusesAFileThatIsNotAnArray() throws IOException {
    Files.writeString(dir.resolve("val_data.json"), "{\"video\": 1}");
    Files.writeString(dir.resolve("test_data.json"), "[]");
    assertThrows(IOException.class, () -> DidemoLoader.load(dir));
  }
}
