package dev.mlsd.core.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuietStdoutTest {

  @Test
  void dropsOnlyMatchingPrintlnLinesAndRestoresTheStream() {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    try {
      try (QuietStdout quiet = QuietStdout.dropping("Added differentiated op")) {
        System.out.println("Added differentiated op matmul");
        System.out.println("kept line");
        System.out.print("\rbar 50%");
        System.out.print(" Added differentiated op is kept when not at the start");
      }
      assertSame(capture, System.out);
    } finally {
      System.setOut(saved);
    }
    String lf = System.lineSeparator();
    assertEquals(
        "kept line" + lf + "\rbar 50% Added differentiated op is kept when not at the start",
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void emptyPrefixIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> QuietStdout.dropping(""));
  }
}
