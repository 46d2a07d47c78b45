package dev.mlsd.batch;

import org.apache.spark.sql.SparkSession;

/**
 * How every job gets its {@link SparkSession}: the master given on the command line ({@code
 * local[2]} in tests, {@code local[*]} on one machine, a cluster's URL under {@code spark-submit}),
 * the web UI off, few shuffle partitions for the samples, and Spark's logging quiet.
 *
 * <p>Under {@code spark-submit} the master and the configuration come from the submit command; a
 * session built here only fills in what was not set ({@link SparkSession.Builder#getOrCreate()}
 * keeps an existing session's settings).
 *
 * <p>Thread safety: a session is shared by the jobs of one JVM; build it once.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Builds (or returns the running) session.
   *
   * @param master a Spark master URL, e.g. {@code local[2]}; null to take the one {@code
   *     spark-submit} set
   * @param shufflePartitions partitions after a shuffle ({@code spark.sql.shuffle.partitions}):
   *     about 2-4 per core for the samples, a few hundred for the full Criteo log on a cluster
   */
  public static SparkSession open(String master, int shufflePartitions) {
    SparkSession.Builder b =
        SparkSession.builder()
            .appName("mlsd-batch")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
            .config("spark.default.parallelism", Integer.toString(shufflePartitions))
            .config("spark.sql.adaptive.enabled", "true")
            // loopback only: the local driver and its executors never listen on other interfaces
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1");
    if (master != null) {
      b.master(master);
    }
    SparkSession s = b.getOrCreate();
    s.sparkContext().setLogLevel("WARN");
    return s;
  }

  /** A session for tests: {@code local[2]}, 4 shuffle partitions. */
  public static SparkSession forTests() {
    return open("local[2]", 4);
  }
}
