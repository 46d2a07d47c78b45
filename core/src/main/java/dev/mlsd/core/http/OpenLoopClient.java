package dev.mlsd.core.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * The engine of {@link LoadGenerator}: an open-loop HTTP/1.1 client on raw sockets, cheap enough in
 * CPU that on a 2-core machine the server, not the client, sets the figures.
 *
 * <p>Two threads. The <em>pacer</em> (the caller's thread) sends request {@code i} at its due time
 * {@code start + i / qps} on an idle keep-alive connection; if every connection is busy it waits
 * for one, and the request's latency still runs from its due time, so a server (or client) that
 * falls behind is charged for the wait (no coordinated omission). The <em>reader</em> thread waits
 * on a selector for answers, parses the status line and {@code Content-Length}, records the latency
 * from the due time to the last byte of the answer, and hands the connection back. A connection the
 * server closes is reopened by the reader. Answers are recorded by the reader alone, so the
 * histograms need no locking.
 *
 * <p>A 503 is load shed by the server: counted apart, with its own latency. Any other non-200
 * answer, a connection lost mid-request, or no answer within {@link #DRAIN} of the last due time,
 * is an error.
 *
 * <p>Thread safety: one run per instance, from one thread.
 */
final class OpenLoopClient {
  /** How long, after the last request was due, answers still in flight are waited for. */
  static final long DRAIN = TimeUnit.SECONDS.toNanos(10);

  private static final long MAX_RECORDED = TimeUnit.MINUTES.toNanos(1);
  private static final int MAX_ANSWER_BYTES = 64 << 20;

  private final InetSocketAddress address;
  private final Selector selector;
  private final Queue<Connection> idle = new ConcurrentLinkedQueue<>();
  private final Queue<Connection> broken = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Histogram admitted = new Histogram(MAX_RECORDED, 3);
  private final Histogram shedLatency = new Histogram(MAX_RECORDED, 3);
  private long measuredFrom;
  private long measured;
  private long shed;
  private long errors;
  private String firstError = "none";
  private final long intervalNanos;
  private final java.util.List<Interval> intervals = new java.util.ArrayList<>();
  private final java.util.Map<String, Long> errorKinds = new java.util.TreeMap<>();
  private volatile boolean pacing = true;
  private volatile long readerCpuNanos;

  /**
   * One keep-alive connection; {@code due} and {@code counted} are set by the pacer per request.
   */
  private static final class Connection {
    final SocketChannel channel;
    ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    volatile long due;

    /** A request was sent and its answer is not in yet. */
    volatile boolean busy;

    /** Closed: a copy still in the idle queue is skipped. */
    volatile boolean dead;

    int headerEnd = -1;
    int status;
    long contentLength;
    boolean closeAfter;

    Connection(SocketChannel channel) {
      this.channel = channel;
    }

    void reset() {
      in.clear();
      headerEnd = -1;
    }
  }

  /** What one interval of the measured window saw, by the requests' due times. */
  private static final class Interval {
    final Histogram admitted = new Histogram(MAX_RECORDED, 3);
    long requests;
    long shed;
    long errors;
  }

  private OpenLoopClient(InetSocketAddress address, long intervalNanos) throws IOException {
    this.address = address;
    this.intervalNanos = intervalNanos;
    this.selector = Selector.open();
  }

  /**
   * Runs one load test and waits for it.
   *
   * @param s the rate, times and connections
   * @param request the bytes of request {@code i} (a whole HTTP/1.1 request)
   */
  static LoadGenerator.Report run(LoadGenerator.Settings s, IntFunction<byte[]> request)
      throws IOException, InterruptedException {
    return run(s, request, 0, null);
  }

  /**
   * Runs one load test and waits for it, and if {@code intervalSeconds > 0} prints to {@code
   * perInterval}, after the run, one line per interval of the measured window (requests, admitted
   * p50, p99 and max, 503s, errors) and the errors by kind: a soak's figures over time.
   */
  static LoadGenerator.Report run(
      LoadGenerator.Settings s,
      IntFunction<byte[]> request,
      int intervalSeconds,
      java.io.PrintStream perInterval)
      throws IOException, InterruptedException {
    URI t = s.target();
    OpenLoopClient c =
        new OpenLoopClient(
            new InetSocketAddress(t.getHost(), t.getPort() < 0 ? 80 : t.getPort()),
            TimeUnit.SECONDS.toNanos(Math.max(0, intervalSeconds)));
    try {
      LoadGenerator.Report r = c.load(s, request);
      if (intervalSeconds > 0 && perInterval != null) {
        c.printIntervals(perInterval, intervalSeconds);
      }
      return r;
    } finally {
      c.selector.close();
    }
  }

  private synchronized void printIntervals(java.io.PrintStream out, int seconds) {
    for (int i = 0; i < intervals.size(); i++) {
      Interval v = intervals.get(i);
      Histogram h = v.admitted;
      out.printf(
          java.util.Locale.ROOT,
          "interval %d (%d-%d s): %d requests, admitted p50 %.2f / p99 %.2f / max %.1f ms,"
              + " %d shed with 503, %d errors%n",
          i + 1,
          i * seconds,
          (i + 1) * seconds,
          v.requests,
          h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50) / 1e6,
          h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1e6,
          h.getMaxValue() / 1e6,
          v.shed,
          v.errors);
    }
    out.println("errors by kind: " + (errorKinds.isEmpty() ? "none" : errorKinds));
  }

  /** The interval of a request due at {@code due}, or null when intervals are off. */
  private Interval interval(long due) {
    if (intervalNanos <= 0) {
      return null;
    }
    int i = (int) ((due - measuredFrom) / intervalNanos);
    while (intervals.size() <= i) {
      intervals.add(new Interval());
    }
    return intervals.get(i);
  }

  /** The bytes of a request to {@code target}: a POST of {@code json}, or a GET if it is null. */
  static byte[] request(URI target, String pathAndQuery, String json) {
    return json == null
        ? request(target, pathAndQuery, null, null)
        : request(target, pathAndQuery, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The bytes of a request to {@code target}: a POST of {@code body} as {@code contentType}, or a
   * GET if the body is null.
   */
  static byte[] request(URI target, String pathAndQuery, String contentType, byte[] content) {
    String host = target.getHost() + (target.getPort() < 0 ? "" : ":" + target.getPort());
    byte[] body = content == null ? new byte[0] : content;
    String head =
        (content == null ? "GET " : "POST ")
            + pathAndQuery
            + " HTTP/1.1\r\nHost: "
            + host
            + (content == null
                ? "\r\n\r\n"
                : "\r\nContent-Type: "
                    + contentType
                    + "\r\nContent-Length: "
                    + body.length
                    + "\r\n\r\n");
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  private LoadGenerator.Report load(LoadGenerator.Settings s, IntFunction<byte[]> request)
      throws IOException, InterruptedException {
    for (int i = 0; i < s.clients(); i++) {
      Connection conn = open();
      conn.channel.register(selector, SelectionKey.OP_READ, conn);
      idle.add(conn);
    }
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long pacerCpuStart = cpu.getCurrentThreadCpuTime();
    long interval = TimeUnit.SECONDS.toNanos(1) / s.qps();
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    measuredFrom = start + s.warmup().toNanos();
    long end = measuredFrom + s.duration().toNanos();
    Thread reader = new Thread(this::read, "load-reader");
    reader.setDaemon(true);
    reader.start();
    for (long i = 0; ; i++) {
      long due = start + i * interval;
      if (due >= end) {
        break;
      }
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      Connection conn;
      while ((conn = idle.poll()) == null || conn.dead) {
        // every connection is busy: the request waits, and its latency runs from its due time
        LockSupport.parkNanos(20_000);
      }
      send(conn, due, request.apply((int) i));
    }
    long drainUntil = end + DRAIN;
    while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
      LockSupport.parkNanos(1_000_000);
    }
    pacing = false;
    selector.wakeup();
    reader.join();
    double clientCpu = (cpu.getCurrentThreadCpuTime() - pacerCpuStart + readerCpuNanos) / 1e9;
    long finished = Math.max(System.nanoTime(), end);
    synchronized (this) {
      int lost = inFlight.get();
      if (lost > 0) {
        measured += lost;
        errors += lost;
        error(lost + " requests had no answer within " + DRAIN / 1_000_000_000 + " s");
        errorKinds.merge("no answer", (long) lost, Long::sum);
      }
      return new LoadGenerator.Report(
          measured,
          shed,
          errors,
          (finished - measuredFrom) / 1e9,
          s.qps(),
          admitted.getValueAtPercentile(50) / 1e6,
          admitted.getValueAtPercentile(99) / 1e6,
          admitted.getValueAtPercentile(99.9) / 1e6,
          admitted.getMaxValue() / 1e6,
          shedLatency.getValueAtPercentile(50) / 1e6,
          shedLatency.getValueAtPercentile(99) / 1e6,
          firstError,
          clientCpu);
    }
  }

  private Connection open() throws IOException {
    SocketChannel ch = SocketChannel.open(address);
    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
    ch.configureBlocking(false);
    return new Connection(ch);
  }

  /** On the pacer: writes a whole request (small, so the socket buffer takes it at once). */
  private void send(Connection conn, long due, byte[] bytes) {
    conn.due = due;
    conn.busy = true;
    inFlight.incrementAndGet();
    ByteBuffer out = ByteBuffer.wrap(bytes);
    try {
      while (out.hasRemaining()) {
        if (conn.channel.write(out) == 0) {
          LockSupport.parkNanos(10_000);
        }
      }
    } catch (IOException e) {
      broken.add(conn);
      selector.wakeup();
    }
  }

  /** The reader thread: answers in, latencies recorded, connections handed back or reopened. */
  private void read() {
    try {
      while (pacing) {
        selector.select(100);
        for (Connection conn; (conn = broken.poll()) != null; ) {
          fail(conn, "connection lost while sending");
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          Connection conn = (Connection) key.attachment();
          if (key.isValid() && key.isReadable()) {
            readable(conn);
          }
        }
      }
    } catch (IOException e) {
      synchronized (this) {
        error("load generator's selector failed: " + e);
      }
    } finally {
      readerCpuNanos =
          java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
  }

  private void readable(Connection conn) {
    try {
      if (!conn.in.hasRemaining()) {
        if (conn.in.capacity() >= MAX_ANSWER_BYTES) {
          fail(conn, "answer larger than " + MAX_ANSWER_BYTES + " bytes");
          return;
        }
        ByteBuffer bigger = ByteBuffer.allocate(conn.in.capacity() * 2);
        conn.in.flip();
        bigger.put(conn.in);
        conn.in = bigger;
      }
      int n = conn.channel.read(conn.in);
      if (n < 0) {
        fail(conn, "connection closed by the server");
        return;
      }
      if (parse(conn)) {
        long latency = System.nanoTime() - conn.due;
        record(conn, latency);
        boolean close = conn.closeAfter;
        conn.reset();
        conn.busy = false;
        inFlight.decrementAndGet();
        if (close) {
          reopen(conn);
        } else {
          idle.add(conn);
        }
      }
    } catch (IOException e) {
      fail(conn, e.toString());
    }
  }

  /** True once a whole answer is in {@code conn.in}; reads the status and length on the way. */
  private static boolean parse(Connection conn) {
    byte[] a = conn.in.array();
    int len = conn.in.position();
    if (conn.headerEnd < 0) {
      int end = -1;
      for (int i = 3; i < len; i++) {
        if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
          end = i + 1;
          break;
        }
      }
      if (end < 0) {
        return false;
      }
      String head = new String(a, 0, end, StandardCharsets.ISO_8859_1);
      conn.headerEnd = end;
      conn.status = head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : 0;
      conn.contentLength = 0;
      conn.closeAfter = false;
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          conn.contentLength = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
          conn.closeAfter = true;
        }
      }
    }
    return len >= conn.headerEnd + conn.contentLength;
  }

  private synchronized void record(Connection conn, long latency) {
    if (conn.due < measuredFrom) {
      return;
    }
    measured++;
    long capped = Math.min(latency, MAX_RECORDED);
    Interval v = interval(conn.due);
    if (v != null) {
      v.requests++;
    }
    if (conn.status == 200) {
      admitted.recordValue(capped);
      if (v != null) {
        v.admitted.recordValue(capped);
      }
    } else if (conn.status == 503) {
      shed++;
      shedLatency.recordValue(capped);
      if (v != null) {
        v.shed++;
      }
    } else {
      errors++;
      if (v != null) {
        v.errors++;
      }
      String body =
          new String(
              conn.in.array(), conn.headerEnd, (int) conn.contentLength, StandardCharsets.UTF_8);
      error("status " + conn.status + ": " + body);
      errorKinds.merge("status " + conn.status, 1L, Long::sum);
    }
  }

  /** The request on {@code conn}, if any, failed: count it, then reopen the connection. */
  private void fail(Connection conn, String why) {
    if (conn.dead) {
      return;
    }
    if (conn.busy) {
      synchronized (this) {
        if (conn.due >= measuredFrom) {
          measured++;
          errors++;
          error(why);
          errorKinds.merge(why.length() > 60 ? why.substring(0, 60) : why, 1L, Long::sum);
          Interval v = interval(conn.due);
          if (v != null) {
            v.requests++;
            v.errors++;
          }
        }
      }
      conn.busy = false;
      inFlight.decrementAndGet();
    }
    reopen(conn);
  }

  private void reopen(Connection conn) {
    conn.dead = true;
    try {
      conn.channel.close();
    } catch (IOException e) {
      // closing a broken connection: nothing more to do
    }
    try {
      Connection fresh = open();
      fresh.channel.register(selector, SelectionKey.OP_READ, fresh);
      idle.add(fresh);
    } catch (IOException e) {
      synchronized (this) {
        error("cannot reconnect: " + e);
      }
    }
  }

  private void error(String why) {
    if ("none".equals(firstError)) {
      firstError = why;
    }
  }
}
