package dev.mlsd.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A client socket that writes raw bytes and reads whatever comes back, for wire-level tests. */
final class RawConnection implements AutoCloseable {
  private final Socket socket;

  RawConnection(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(15_000);
  }

  RawConnection write(String ascii) throws IOException {
    return write(ascii.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawConnection write(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return this;
  }

  /**
   * Reads until the server closes the connection or {@code maxBytes} arrived; a read that times out
   * (15 s) fails the test with the text received so far.
   */
  String readUntilClosed(int maxBytes) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      int n;
      while (got.size() < maxBytes && (n = in.read(buf)) > 0) {
        got.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "the server neither answered nor closed: " + got.toString(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      // a reset after the answer counts as closed
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }

  /**
   * Reads one answer with a {@code Content-Length} body, leaving the connection open; a read that
   * times out (15 s) fails the test.
   */
  String readAnswer() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    int headerEnd = -1;
    int length = -1;
    while (headerEnd < 0 || got.size() < headerEnd + length) {
      int b;
      try {
        b = in.read();
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no whole answer: " + got.toString(StandardCharsets.ISO_8859_1));
      }
      if (b < 0) {
        throw new AssertionError("closed mid-answer: " + got.toString(StandardCharsets.ISO_8859_1));
      }
      got.write(b);
      String text = got.toString(StandardCharsets.ISO_8859_1);
      if (headerEnd < 0 && text.endsWith("\r\n\r\n")) {
        headerEnd = text.length();
        for (String line : text.split("\r\n")) {
          if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        if (length < 0) {
          throw new AssertionError("no Content-Length: " + text);
        }
      }
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
