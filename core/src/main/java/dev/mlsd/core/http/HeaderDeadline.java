package dev.mlsd.core.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A total deadline for a request's line and headers: a client that has started sending a request
 * must have sent all its headers within {@code deadline}, or its connection is closed. Jetty's idle
 * timeout alone restarts at every byte, so a client sending a header one byte a second would hold
 * its connection for as long as it likes (slowloris).
 *
 * <p>How: a connection is <em>between requests</em> from when it opens, or its last answer was
 * written, until Jetty has parsed the next request's headers ({@link #headersArrived}). While
 * between requests, a connection that has received no byte is idle (the idle timeout governs it);
 * one that has received bytes is reading headers, and is closed once it has done so for longer than
 * the deadline. A sweep every {@code deadline / 4} (at most 250 ms) checks every open connection,
 * so a connection is closed between {@code deadline} and {@code deadline} plus one sweep after its
 * first header byte was seen. Bodies have their own deadline (in {@link JsonServer}).
 *
 * <p>Thread safety: connection events come from Jetty's I/O threads, the sweep from its scheduler;
 * each connection's state is touched by one request at a time.
 */
final class HeaderDeadline implements Connection.Listener {
  private final long deadlineNanos;
  private final long sweepNanos;
  private final Scheduler scheduler;
  private final Map<Connection, Watch> open = new ConcurrentHashMap<>();
  private final AtomicLong closed = new AtomicLong();
  private volatile boolean running;

  /** What is known of one connection. */
  private static final class Watch {
    /** Headers were parsed and the answer is not written yet. */
    volatile boolean inRequest;

    /** Bytes received when the connection last fell between requests. */
    volatile long bytesAtRest;

    /** When bytes of the next request's headers were first seen, or -1. */
    volatile long headersFrom = -1;
  }

  HeaderDeadline(long deadlineMillis, Scheduler scheduler) {
    this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
    this.sweepNanos = Math.min(TimeUnit.MILLISECONDS.toNanos(250), deadlineNanos / 4);
    this.scheduler = scheduler;
  }

  /** Starts the periodic sweep; call once the server's scheduler runs. */
  void start() {
    running = true;
    scheduleSweep();
  }

  /** Stops the sweep. */
  void stop() {
    running = false;
  }

  /** Connections closed for sending their headers too slowly. */
  long closedCount() {
    return closed.get();
  }

  @Override
  public void onOpened(Connection connection) {
    open.put(connection, new Watch());
  }

  @Override
  public void onClosed(Connection connection) {
    open.remove(connection);
  }

  /** The connection's request headers have been parsed: the deadline no longer applies. */
  void headersArrived(Connection connection) {
    Watch w = open.get(connection);
    if (w != null) {
      w.inRequest = true;
    }
  }

  /** The connection's answer was written: it is between requests again. */
  void answered(Connection connection) {
    Watch w = open.get(connection);
    if (w != null) {
      w.bytesAtRest = connection.getBytesIn();
      w.headersFrom = -1;
      w.inRequest = false;
    }
  }

  private void scheduleSweep() {
    if (running) {
      scheduler.schedule(this::sweep, sweepNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void sweep() {
    try {
      long now = System.nanoTime();
      for (Map.Entry<Connection, Watch> e : open.entrySet()) {
        Watch w = e.getValue();
        if (w.inRequest) {
          continue;
        }
        Connection c = e.getKey();
        if (c.getBytesIn() == w.bytesAtRest) {
          continue; // idle between requests: the idle timeout's business
        }
        if (w.headersFrom < 0) {
          w.headersFrom = now;
        } else if (now - w.headersFrom > deadlineNanos) {
          closed.incrementAndGet();
          open.remove(c);
          c.getEndPoint().close();
        }
      }
    } finally {
      scheduleSweep();
    }
  }
}
