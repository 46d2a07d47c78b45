package dev.mlsd.core.featurestore;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private, throw-away redis-server process on a free loopback port, persistence off: for tests
 * that must kill or pause the server without touching a shared one. Test scope; published in core's
 * test-jar.
 *
 * <p>Thread safety: none; one test owns it.
 */
public final class RedisProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final String password;

  private RedisProcess(Process process, int port, String password) {
    this.process = process;
    this.port = port;
    this.password = password;
  }

  /** The redis-server binary on the PATH, or null. */
  public static Path findBinary() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, "redis-server");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** A loopback port free right now. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Starts a server on a free port; see {@link #start(int, String)}. */
  public static RedisProcess start() throws IOException {
    return start(freePort(), null);
  }

  /**
   * Starts a server and waits until it answers PING.
   *
   * @param port the loopback port
   * @param password a {@code requirepass} password, or null for none
   * @throws IOException if there is no binary or it does not come up within 10 s
   */
  public static RedisProcess start(int port, String password) throws IOException {
    Path bin = findBinary();
    if (bin == null) {
      throw new IOException("no redis-server on the PATH");
    }
    List<String> cmd =
        new ArrayList<>(
            List.of(
                bin.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no"));
    if (password != null) {
      cmd.add("--requirepass");
      cmd.add(password);
    }
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    RedisProcess r = new RedisProcess(p, port, password);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("redis-server exited with " + p.exitValue() + " on port " + port);
      }
      if (r.answers()) {
        return r;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    r.close();
    throw new IOException("redis-server did not answer on port " + port + " within 10 s");
  }

  /** Whether the server answers (any reply to PING, including NOAUTH, counts). */
  public boolean answers() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return in.read() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** The port. */
  public int port() {
    return port;
  }

  /** {@code redis://[:password@]127.0.0.1:port}. */
  public String url() {
    return password == null
        ? "redis://127.0.0.1:" + port
        : "redis://:" + password + "@127.0.0.1:" + port;
  }

  /** Kills the server at once (SIGKILL), as a crash would. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    kill();
  }
}
