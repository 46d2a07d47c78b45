package dev.mlsd.batch.data;

import dev.mlsd.adctr.data.Impression;
import dev.mlsd.adctr.data.ImpressionLog;
import dev.mlsd.adctr.features.HashedField;
import java.io.Serializable;
import java.util.Iterator;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A seeded <b>synthetic</b> impression log with the Criteo sample's schema and skew, for the scale
 * simulation only (never for a model or a metric). Row {@code i} is a pure function of {@code
 * (seed, i)}, so the in-process job and the Spark job see the same rows without either storing them
 * first.
 *
 * <ul>
 *   <li>Advertiser ({@code C1}): drawn from the sample's own {@code C1} column, so its skew is the
 *       sample's (one advertiser shows half the impressions, 175 in all).
 *   <li>Ad ({@code C1..C4}): within the advertiser, an ad rank drawn log-uniformly (a Zipf-like
 *       head, most ads shown once or twice) over {@code 7,513 * (n / 10,000)^0.8} ads, the sample's
 *       7,513 distinct ads per 10,000 rows grown sub-linearly; {@code C2..C4} are synthetic strings
 *       of the ad.
 *   <li>Request side ({@code I1..I13, C5..C26}): copied together from one random sample row.
 *   <li>Label: clicked with the sample's rate (21.8%) times a per-ad factor (log-normal, spread
 *       0.5), capped at 1, so ads differ in CTR as real ones do.
 * </ul>
 *
 * <p>Book: chapter 1, "Scaling" (why the offline pipelines outgrow one machine).
 *
 * <p>Thread safety: immutable.
 *
 * @param seed the seed
 * @param rows how many rows the log has (sets the ad vocabulary)
 * @param numeric the sample's numeric fields, per sample row
 * @param categorical the sample's categorical fields, per sample row
 * @param ctr the sample's click rate
 */
public record SyntheticImpressionLog(
    long seed, long rows, float[][] numeric, String[][] categorical, double ctr)
    implements Serializable {

  /** A generator from a real sample (its rows are the request-side pool and the C1 column). */
  public static SyntheticImpressionLog from(ImpressionLog sample, long seed, long rows) {
    int n = sample.size();
    float[][] num = new float[n][];
    String[][] cat = new String[n][];
    for (int i = 0; i < n; i++) {
      num[i] = sample.rows().get(i).numeric();
      cat[i] = sample.rows().get(i).categorical();
    }
    return new SyntheticImpressionLog(seed, rows, num, cat, sample.ctr());
  }

  /** Distinct ads the log draws from. */
  public long adVocabulary() {
    return Math.max(1, Math.round(7513 * Math.pow(rows / 10_000.0, 0.8)));
  }

  /** Row {@code i} (0-based; {@code time = i}). */
  public Impression row(long i) {
    SplittableRandom rnd = new SplittableRandom(HashedField.mix(seed * 0x9E3779B97F4A7C15L + i));
    String[] source = categorical[rnd.nextInt(categorical.length)];
    String[] cat = categorical[rnd.nextInt(categorical.length)].clone();
    float[] num = numeric[rnd.nextInt(numeric.length)].clone();
    String advertiser = source[0];
    long vocab = adVocabulary();
    long ad = (long) Math.floor(Math.exp(rnd.nextDouble() * Math.log(vocab + 1.0))) - 1;
    long adHash = HashedField.mix(ad * 31 + advertiser.hashCode());
    cat[0] = advertiser;
    cat[1] = Long.toHexString(adHash & 0xffffffL);
    cat[2] = Long.toHexString((adHash >>> 24) & 0xffffffL);
    cat[3] = Long.toHexString((adHash >>> 48) & 0xffffL);
    // per-ad click factor: log-normal with spread 0.5, mean 1
    double z = new SplittableRandom(adHash).nextGaussian();
    double p = Math.min(1, ctr * Math.exp(0.5 * z - 0.125));
    return new Impression(rnd.nextDouble() < p, i, num, cat);
  }

  /** The log as a Spark dataset of {@code rows} rows in {@code partitions} partitions. */
  public Dataset<Row> frame(SparkSession spark, int partitions) {
    // shipped once per executor, not inside every task (the sample pool is a few MB)
    org.apache.spark.broadcast.Broadcast<SyntheticImpressionLog> shared =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
            .broadcast(this);
    return spark
        .range(0, rows, 1, partitions)
        .mapPartitions(
            (MapPartitionsFunction<Long, Row>)
                it -> {
                  SyntheticImpressionLog gen = shared.value();
                  return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                      return it.hasNext();
                    }

                    @Override
                    public Row next() {
                      long i = it.next();
                      return ImpressionFrames.toRow(gen.row(i), i);
                    }
                  };
                },
            Encoders.row(ImpressionFrames.sparkSchema()));
  }
}
