package dev.mlsd.harmful.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogTest {
  @TempDir Path dir;

  @Test
  void appendsReadsBackAndCountsBrokenLines() throws Exception {
    Path f = dir.resolve("log.jsonl");
    try (TrainingLog log = new TrainingLog(f)) {
      log.append(new LabelledExample(1, "a \"quoted\"\nline", "hate", "DEMOTED", "r", 5));
      log.append(new LabelledExample(2, "b", "neither", "APPEAL", "r", 6));
    }
    Files.writeString(
        f,
        "{not json\n{\"postId\":3,\"text\":\"c\",\"decision\":\"spam\"}\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    TrainingLog.Contents c = TrainingLog.read(f);
    assertEquals(2, c.examples().size());
    assertEquals(2, c.malformed());
    assertEquals("a \"quoted\"\nline", c.examples().getFirst().text());
    assertEquals(0, TrainingLog.read(dir.resolve("missing")).examples().size());
  }
}
