package dev.mlsd.core.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void linesModePrintsAtMostOneLinePerTenthAndNoCarriageReturns() {
    try (Progress p = new Progress(out, "train", 1000, Progress.Mode.LINES)) {
      for (int i = 0; i < 1000; i++) {
        p.accept(1);
      }
    }
    String text = text();
    assertFalse(text.contains("\r"));
    long lines = text.lines().count();
    assertTrue(lines >= 10 && lines <= 11, "lines: " + lines + "\n" + text);
    assertTrue(text.lines().toList().getLast().contains("100%"));
    assertTrue(text.contains(" 50%"));
  }

  @Test
  void barModeRedrawsInPlace() {
    try (Progress p = new Progress(out, "train", 10, Progress.Mode.BAR)) {
      p.accept(5);
    }
    assertTrue(text().startsWith("\r"));
    assertTrue(text().contains("[##############################] 100%"));
    assertEquals(1, text().chars().filter(c -> c == '\n').count());
  }

  @Test
  void noneModePrintsNothing() {
    try (Progress p = new Progress(out, "train", 10, Progress.Mode.NONE)) {
      p.accept(10);
    }
    assertEquals("", text());
  }

  @Test
  void autoResolvesToAConcreteMode() {
    // under a test runner stdout is not a terminal
    assertNotEquals(Progress.Mode.AUTO, Progress.resolve(Progress.Mode.AUTO));
    assertEquals(Progress.Mode.LINES, Progress.resolve(Progress.Mode.AUTO));
    assertEquals(Progress.Mode.BAR, Progress.resolve(Progress.Mode.BAR));
  }

  @Test
  void closeIsIdempotent() {
    Progress p = new Progress(out, "train", 3, Progress.Mode.LINES);
    p.close();
    p.close();
    assertEquals(1, text().lines().count());
  }
}
