package dev.mlsd.batch.data;

import dev.mlsd.adctr.data.AdSchema;
import dev.mlsd.adctr.data.CriteoReader;
import dev.mlsd.adctr.data.Impression;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * An impression log as a Spark {@code Dataset<Row>}: one row per impression with the columns
 *
 * <pre>
 *   time     long     the row's 0-based position in the log (log order is time order)
 *   clicked  int      the label, 0 or 1
 *   I1..I13  float    the numeric fields, null = missing
 *   C1..C26  string   the categorical fields, "" = missing
 * </pre>
 *
 * The same fields, in the same order and with the same missing values, as ad-ctr's {@link
 * Impression}, so the jobs can hand a row to ad-ctr's own feature code.
 *
 * <p>Read from Criteo's TSV ({@link #criteoTsv}), a Parquet copy ({@link #parquet}, what the
 * synthetic generator writes), or in-memory impressions ({@link #of}, the parity tests).
 *
 * <p>Book: chapter 8, "Data preparation" (the impression log).
 */
public final class ImpressionFrames {
  /** The schema the jobs run on: Criteo's fields and side assumption. */
  public static final AdSchema SCHEMA = CriteoReader.SCHEMA;

  private ImpressionFrames() {}

  /** The Spark schema of an impression log. */
  public static StructType sparkSchema() {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("time", DataTypes.LongType, false));
    f.add(DataTypes.createStructField("clicked", DataTypes.IntegerType, false));
    for (String n : SCHEMA.numericFields()) {
      f.add(DataTypes.createStructField(n, DataTypes.FloatType, true));
    }
    for (String c : SCHEMA.categoricalFields()) {
      f.add(DataTypes.createStructField(c, DataTypes.StringType, false));
    }
    return DataTypes.createStructType(f);
  }

  /**
   * Reads one Criteo TSV file ({@code label, I1..I13, C1..C26}, no header) in log order. A row with
   * the wrong column count, a label other than 0/1 or a non-integer numeric field is dropped and
   * counted, as {@link CriteoReader} does; {@code time} numbers the kept rows.
   *
   * @param malformed receives the number of dropped rows (an array of one), or null
   */
  public static Dataset<Row> criteoTsv(SparkSession spark, String path, long[] malformed) {
    JavaRDD<String> lines = spark.read().textFile(path).javaRDD();
    JavaRDD<Row> parsed =
        lines
            .map(ImpressionFrames::parseCriteo)
            .filter(r -> r.length > 0)
            .zipWithIndex()
            .map(t -> withTime(t._1(), t._2()));
    Dataset<Row> df = spark.createDataFrame(parsed, sparkSchema());
    if (malformed != null) {
      df = df.cache();
      malformed[0] = lines.count() - df.count();
    }
    return df;
  }

  /** Reads a Parquet log written by {@link #writeParquet} (or the synthetic generator). */
  public static Dataset<Row> parquet(SparkSession spark, String path) {
    return spark.read().schema(sparkSchema()).parquet(path);
  }

  /** Writes a log as Parquet. */
  public static void writeParquet(Dataset<Row> log, String path) {
    log.write().mode("overwrite").parquet(path);
  }

  /** In-memory impressions as a log ({@code time} = list position). */
  public static Dataset<Row> of(SparkSession spark, List<Impression> rows, int partitions) {
    List<Row> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      out.add(toRow(rows.get(i), i));
    }
    return spark.createDataFrame(out, sparkSchema()).repartition(partitions);
  }

  /** One impression as a row of {@link #sparkSchema()}. */
  public static Row toRow(Impression imp, long time) {
    Object[] v = new Object[2 + imp.numeric().length + imp.categorical().length];
    v[0] = time;
    v[1] = imp.clicked() ? 1 : 0;
    for (int i = 0; i < imp.numeric().length; i++) {
      float x = imp.numeric()[i];
      v[2 + i] = Float.isNaN(x) ? null : x;
    }
    System.arraycopy(imp.categorical(), 0, v, 2 + imp.numeric().length, imp.categorical().length);
    return RowFactory.create(v);
  }

  /** A row of {@link #sparkSchema()} back as ad-ctr's impression. */
  public static Impression toImpression(Row r) {
    int n = SCHEMA.numericFields().size();
    int c = SCHEMA.categoricalFields().size();
    float[] num = new float[n];
    for (int i = 0; i < n; i++) {
      num[i] = r.isNullAt(2 + i) ? Float.NaN : r.getFloat(2 + i);
    }
    String[] cat = new String[c];
    for (int i = 0; i < c; i++) {
      cat[i] = r.getString(2 + n + i);
    }
    return new Impression(r.getInt(1) == 1, r.getLong(0), num, cat);
  }

  /** Parses a Criteo line into the row's values after {@code time}; an empty array if malformed. */
  static Object[] parseCriteo(String line) {
    String[] f = line.split("\t", -1);
    if (f.length != CriteoReader.COLUMNS || !(f[0].equals("0") || f[0].equals("1"))) {
      return new Object[0];
    }
    Object[] v = new Object[CriteoReader.COLUMNS];
    v[0] = f[0].equals("1") ? 1 : 0;
    for (int i = 1; i <= 13; i++) {
      if (f[i].isEmpty()) {
        v[i] = null;
      } else {
        try {
          v[i] = (float) Long.parseLong(f[i]);
        } catch (NumberFormatException e) {
          return new Object[0];
        }
      }
    }
    System.arraycopy(f, 14, v, 14, 26);
    return v;
  }

  private static Row withTime(Object[] v, long time) {
    Object[] all = new Object[v.length + 1];
    all[0] = time;
    System.arraycopy(v, 0, all, 1, v.length);
    return RowFactory.create(all);
  }
}
