package dev.mlsd.batch.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.mlsd.adctr.features.HistoricalCtr;
import dev.mlsd.batch.data.ImpressionFrames;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * ad-ctr's batch features on Spark: the ad's and its advertiser's historical click-through rate
 * over the recent window and over all history, exactly as ad-ctr's {@link HistoricalCtr} defines
 * them (the same keys, window, smoothing and missing value), computed in two forms:
 *
 * <ul>
 *   <li>{@link #sequential}: per impression, the four values from the impressions before it only
 *       (past-only, no leakage): what training-data generation joins onto each labelled row;
 *   <li>{@link #snapshot}: per ad and per advertiser, the values after the whole log: what the
 *       batch job materialises into the feature store for serving ({@link #servingRows} puts them
 *       on the serving catalogue's ad ids).
 * </ul>
 *
 * <p>How the windows become Spark windows. The log's {@code time} is the row's position, so "the
 * last {@code window} impressions before row t" is the range {@code [t - window, t - 1]} of that
 * column: per key, a range frame over {@code time} ({@code rangeBetween(-window, -1)}); "all
 * history" is a rows frame up to the row before. The smoothing prior is the click rate of every row
 * before t: a running sum over the whole log, computed in blocks of {@code block} rows (block
 * totals on the driver, a running sum inside each block) so that no stage needs the whole log in
 * one partition. An ad's rows are one window partition (ads are many and small: the most shown ad
 * of the sample has 0.7% of its impressions). Advertisers are few and skewed (one has half of the
 * sample's impressions), so their windows run per (advertiser, block): earlier blocks' totals plus
 * a running count inside the block, the recent window reaching into the previous block through a
 * copy of its last {@code window} rows; no partition holds more than {@code block + window} rows.
 *
 * <p>Arithmetic: the same double-precision expression as {@link HistoricalCtr}, rounded to float at
 * the end, so the values equal the in-process job's (tested).
 *
 * <p>Book: chapter 8, "Feature engineering: ad features, engagement numbers" and "Serving: data
 * preparation pipeline" (batch features computed offline, written to the feature store).
 *
 * <p>Thread safety: stateless; each call builds a plan.
 *
 * @param window the recent window, in impressions ({@link HistoricalCtr#window()})
 * @param smoothing pseudo-impressions at the background rate ({@link HistoricalCtr#smoothing()})
 * @param block rows per block of the running sums, at least {@code window} ({@link #BLOCK} by
 *     default; smaller only to test the block boundaries)
 */
public record AdBatchFeatures(int window, double smoothing, long block) {
  /** Rows per block of the running sums (the default {@code block}). */
  public static final long BLOCK = 1L << 16;

  /** Column names of the four values, in {@link HistoricalCtr#NAMES} order. */
  public static final List<String> NAMES = HistoricalCtr.NAMES;

  /** Checks the parameters as {@link HistoricalCtr} does. */
  public AdBatchFeatures {
    new HistoricalCtr(ImpressionFrames.SCHEMA, window, smoothing);
    if (block < window) {
      throw new IllegalArgumentException(
          "block (" + block + ") must be >= window (" + window + ")");
    }
  }

  /** The job with the default block size. */
  public AdBatchFeatures(int window, double smoothing) {
    this(window, smoothing, BLOCK);
  }

  /** The job for ad-ctr's own settings. */
  public static AdBatchFeatures of(HistoricalCtr ctr) {
    return new AdBatchFeatures(ctr.window(), ctr.smoothing());
  }

  /**
   * Per impression: {@code time, clicked, ad_key, advertiser_key} (the keys of {@link
   * HistoricalCtr#adKey} and {@link HistoricalCtr#advertiserKey}).
   */
  public static Dataset<Row> keys(Dataset<Row> log) {
    StructType out =
        new StructType()
            .add("time", DataTypes.LongType, false)
            .add("clicked", DataTypes.IntegerType, false)
            .add("ad_key", DataTypes.LongType, false)
            .add("advertiser_key", DataTypes.LongType, false);
    int c = ImpressionFrames.SCHEMA.categoricalFields().size();
    List<String> adFields = ImpressionFrames.SCHEMA.adFields();
    int[] adIndex = new int[adFields.size()];
    Column[] cols = new Column[2 + adFields.size()];
    cols[0] = col("time");
    cols[1] = col("clicked");
    for (int i = 0; i < adIndex.length; i++) {
      adIndex[i] = ImpressionFrames.SCHEMA.categoricalIndex(adFields.get(i));
      cols[2 + i] = col(adFields.get(i));
    }
    return log.select(cols)
        .map(
            (MapFunction<Row, Row>)
                r -> {
                  // only the ad-side fields are read by the key functions
                  String[] cat = new String[c];
                  java.util.Arrays.fill(cat, "");
                  for (int i = 0; i < adIndex.length; i++) {
                    cat[adIndex[i]] = r.getString(2 + i);
                  }
                  HistoricalCtr keys = Keys.CTR;
                  return RowFactory.create(
                      r.getLong(0), r.getInt(1), keys.adKey(cat), keys.advertiserKey(cat));
                },
            Encoders.row(out));
  }

  /**
   * The past-only values per impression: {@code time} and the four values of {@link #NAMES} ({@code
   * NaN} = no earlier impression of that key), unordered.
   */
  public Dataset<Row> sequential(Dataset<Row> log) {
    return sequentialOfKeys(keys(log));
  }

  /** {@link #sequential} from the log's {@link #keys} (compute them once for both forms). */
  public Dataset<Row> sequentialOfKeys(Dataset<Row> keyed) {
    SparkSession spark = keyed.sparkSession();
    // read twice (block totals, then the windows): kept, so the log is scanned once
    Dataset<Row> k =
        keyed
            .withColumn("block", floor(col("time").divide(block)))
            .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    // the running click count: block totals (a few hundred numbers) prefix-summed on the driver
    List<Row> totals = k.groupBy("block").agg(sum("clicked").as("c")).collectAsList();
    long maxBlock = -1;
    for (Row t : totals) {
      maxBlock = Math.max(maxBlock, t.getLong(0));
    }
    long[] inBlock = new long[(int) (maxBlock + 1)];
    for (Row t : totals) {
      inBlock[(int) t.getLong(0)] = t.getLong(1);
    }
    List<Row> offsets = new ArrayList<>();
    long before = 0;
    for (int b = 0; b < inBlock.length; b++) {
      offsets.add(RowFactory.create((long) b, before));
      before += inBlock[b];
    }
    Dataset<Row> offsetFrame =
        spark.createDataFrame(
            offsets,
            new StructType()
                .add("block", DataTypes.LongType, false)
                .add("block_clicks_before", DataTypes.LongType, false));
    WindowSpec inBlockBefore =
        Window.partitionBy("block").orderBy("time").rowsBetween(Window.unboundedPreceding(), -1);
    Dataset<Row> withPrior =
        k.join(org.apache.spark.sql.functions.broadcast(offsetFrame), "block")
            .withColumn(
                "clicks_before",
                col("block_clicks_before")
                    .plus(coalesce(sum("clicked").over(inBlockBefore), lit(0L))))
            .withColumn(
                "prior",
                when(col("time").equalTo(0), lit(0.0))
                    .otherwise(
                        col("clicks_before")
                            .cast(DataTypes.DoubleType)
                            .divide(col("time").cast(DataTypes.DoubleType))));
    Dataset<Row> ad = windowed(withPrior, "ad_key", "ad");
    Dataset<Row> both = blockWindowed(ad, "advertiser_key", "advertiser");
    return both.select(
        col("time"),
        col("ad_ctr_recent"),
        col("ad_ctr_all"),
        col("advertiser_ctr_recent"),
        col("advertiser_ctr_all"));
  }

  private Dataset<Row> windowed(Dataset<Row> in, String key, String name) {
    WindowSpec all =
        Window.partitionBy(key).orderBy("time").rowsBetween(Window.unboundedPreceding(), -1);
    WindowSpec recent = Window.partitionBy(key).orderBy("time").rangeBetween(-window, -1);
    return in.withColumn(name + "_n_all", count(lit(1)).over(all))
        .withColumn(name + "_c_all", coalesce(sum("clicked").over(all), lit(0L)))
        .withColumn(name + "_n_recent", count(lit(1)).over(recent))
        .withColumn(name + "_c_recent", coalesce(sum("clicked").over(recent), lit(0L)))
        .withColumn(
            name + "_ctr_all", rate(col(name + "_n_all"), col(name + "_c_all"), col("prior")))
        .withColumn(
            name + "_ctr_recent",
            rate(col(name + "_n_recent"), col(name + "_c_recent"), col("prior")));
  }

  /**
   * The same values as {@link #windowed}, for a key so skewed that one key's rows would be one huge
   * window partition (one advertiser shows half of the sample): the windows run per (key, block of
   * {@code block} rows). "All history" is the key's count in earlier blocks (per-block totals,
   * prefix-summed per key) plus a running count inside the block; the recent window sees, besides
   * the block's own rows, a copy of the previous block's last {@code window} rows of the key,
   * marked as context (counted by the recent window only, then dropped). No partition holds more
   * than {@code block + window} rows, whatever the skew.
   */
  private Dataset<Row> blockWindowed(Dataset<Row> in, String key, String name) {
    Dataset<Row> totals =
        in.groupBy(key, "block").agg(count(lit(1)).as("bn"), sum("clicked").as("bc"));
    WindowSpec earlierBlocks =
        Window.partitionBy(key).orderBy("block").rowsBetween(Window.unboundedPreceding(), -1);
    Dataset<Row> offsets =
        totals.select(
            col(key),
            col("block"),
            coalesce(sum("bn").over(earlierBlocks), lit(0L)).as(name + "_n_before"),
            coalesce(sum("bc").over(earlierBlocks), lit(0L)).as(name + "_c_before"));
    Dataset<Row> real = in.withColumn("real", lit(true));
    Dataset<Row> context =
        in.where(col("time").minus(col("block").multiply(block)).geq(block - window))
            .withColumn("block", col("block").plus(1L))
            .withColumn("real", lit(false));
    WindowSpec before =
        Window.partitionBy(key, "block")
            .orderBy("time")
            .rowsBetween(Window.unboundedPreceding(), -1);
    WindowSpec recent = Window.partitionBy(key, "block").orderBy("time").rangeBetween(-window, -1);
    Column realOne = when(col("real"), lit(1L)).otherwise(lit(0L));
    Column realClick =
        when(col("real"), col("clicked").cast(DataTypes.LongType)).otherwise(lit(0L));
    return real.unionByName(context)
        .withColumn(name + "_n_in", coalesce(sum(realOne).over(before), lit(0L)))
        .withColumn(name + "_c_in", coalesce(sum(realClick).over(before), lit(0L)))
        .withColumn(name + "_n_recent", count(lit(1)).over(recent))
        .withColumn(name + "_c_recent", coalesce(sum("clicked").over(recent), lit(0L)))
        .where(col("real"))
        .drop("real")
        .join(offsets, new String[] {key, "block"})
        .withColumn(name + "_n_all", col(name + "_n_before").plus(col(name + "_n_in")))
        .withColumn(name + "_c_all", col(name + "_c_before").plus(col(name + "_c_in")))
        .withColumn(
            name + "_ctr_all", rate(col(name + "_n_all"), col(name + "_c_all"), col("prior")))
        .withColumn(
            name + "_ctr_recent",
            rate(col(name + "_n_recent"), col(name + "_c_recent"), col("prior")));
  }

  /** {@code (clicks + smoothing * prior) / (shown + smoothing)} as a float; NaN if never shown. */
  private Column rate(Column shown, Column clicks, Column prior) {
    Column v =
        clicks
            .cast(DataTypes.DoubleType)
            .plus(lit(smoothing).multiply(prior))
            .divide(shown.cast(DataTypes.DoubleType).plus(lit(smoothing)));
    return when(shown.equalTo(0), lit(Float.NaN)).otherwise(v.cast(DataTypes.FloatType));
  }

  /**
   * The values per key after the whole log (the serving snapshot): {@code kind} ("ad" or
   * "advertiser"), {@code key}, {@code ctr_recent}, {@code ctr_all}.
   */
  public Dataset<Row> snapshot(Dataset<Row> log) {
    return snapshotOfKeys(
        keys(log).persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK()));
  }

  /** {@link #snapshot} from the log's {@link #keys} (read twice: persist them). */
  public Dataset<Row> snapshotOfKeys(Dataset<Row> k) {
    Row total = k.agg(count(lit(1)), coalesce(sum("clicked"), lit(0L))).first();
    long seen = total.getLong(0);
    long clicks = total.getLong(1);
    double prior = seen == 0 ? 0 : (double) clicks / seen;
    Column isRecent = col("time").geq(seen - window);
    Dataset<Row> ads = perKey(k, "ad_key", "ad", isRecent, prior);
    Dataset<Row> advertisers = perKey(k, "advertiser_key", "advertiser", isRecent, prior);
    return ads.unionByName(advertisers);
  }

  private Dataset<Row> perKey(
      Dataset<Row> k, String key, String kind, Column isRecent, double prior) {
    return k.groupBy(key)
        .agg(
            count(lit(1)).as("n_all"),
            sum("clicked").as("c_all"),
            sum(when(isRecent, 1L).otherwise(0L)).as("n_recent"),
            sum(when(isRecent, col("clicked")).otherwise(0)).as("c_recent"))
        .select(
            lit(kind).as("kind"),
            col(key).as("key"),
            rate(col("n_recent"), col("c_recent"), lit(prior)).as("ctr_recent"),
            rate(col("n_all"), col("c_all"), lit(prior)).as("ctr_all"));
  }

  /**
   * The serving catalogue's ad ids, as ad-ctr's {@code AdCatalogue} numbers them: every distinct ad
   * in the log, ranked by impressions (most first, ties by first appearance), the first {@code
   * maxAds} kept. Columns {@code id} (int, the rank), {@code ad_key}, {@code advertiser_key}.
   */
  public static Dataset<Row> catalogue(Dataset<Row> log, int maxAds) {
    Dataset<Row> ads =
        keys(log)
            .groupBy("ad_key")
            .agg(
                count(lit(1)).as("shown"),
                min("time").as("first"),
                // every row of one ad has the same ad-side fields, so one advertiser key
                min("advertiser_key").as("advertiser_key"));
    WindowSpec rank = Window.orderBy(col("shown").desc(), col("first").asc());
    return ads.withColumn("id", row_number().over(rank).minus(1).cast(DataTypes.IntegerType))
        .where(col("id").lt(maxAds))
        .select("id", "ad_key", "advertiser_key");
  }

  /**
   * The rows the feature store serves: per catalogue ad id, the four values of {@link #NAMES} (the
   * ad's two, then its advertiser's two; NaN where the key has no history). Columns {@code id} and
   * the four names.
   */
  public Dataset<Row> servingRows(Dataset<Row> history, int maxAds) {
    Dataset<Row> snap = snapshot(history);
    Dataset<Row> ad =
        snap.where(col("kind").equalTo("ad"))
            .select(
                col("key").as("ad_key"),
                col("ctr_recent").as("ad_ctr_recent"),
                col("ctr_all").as("ad_ctr_all"));
    Dataset<Row> adv =
        snap.where(col("kind").equalTo("advertiser"))
            .select(
                col("key").as("advertiser_key"),
                col("ctr_recent").as("advertiser_ctr_recent"),
                col("ctr_all").as("advertiser_ctr_all"));
    Column nan = lit(Float.NaN);
    return catalogue(history, maxAds)
        .join(ad, "ad_key", "left")
        .join(adv, "advertiser_key", "left")
        .select(
            col("id"),
            coalesce(col("ad_ctr_recent"), nan).as("ad_ctr_recent"),
            coalesce(col("ad_ctr_all"), nan).as("ad_ctr_all"),
            coalesce(col("advertiser_ctr_recent"), nan).as("advertiser_ctr_recent"),
            coalesce(col("advertiser_ctr_all"), nan).as("advertiser_ctr_all"));
  }

  /** The key functions, built once per executor JVM (they only need the schema). */
  private static final class Keys {
    static final HistoricalCtr CTR = new HistoricalCtr(ImpressionFrames.SCHEMA, 1, 0);
  }
}
