package dev.mlsd.batch;

import org.apache.spark.sql.SparkSession;

/** The one {@code local[2]} session every test class of this module shares (started once). */
public final class SparkTestSession {
  private SparkTestSession() {}

  /** The session; built on first use. */
  public static synchronized SparkSession get() {
    return SparkSessions.forTests();
  }
}
