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

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
