package dev.mlsd.batch.features;

import static org.apache.spark.sql.functions.col;

import dev.mlsd.adctr.data.Impression;
import dev.mlsd.adctr.features.EncodedRows;
import dev.mlsd.adctr.features.FeaturePipeline;
import dev.mlsd.batch.data.ImpressionFrames;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * ad-ctr's training-data generation on Spark: every impression joined with its past-only batch
 * features ({@link AdBatchFeatures#sequential}) and run through ad-ctr's own {@link
 * FeaturePipeline}, giving the labelled rows the trainers read, exactly the fields of {@link
 * EncodedRows}:
 *
 * <pre>
 *   time        long        the impression's position in the log
 *   label       int         clicked (1) or not (0)
 *   field_ids   array[int]  FeaturePipeline.fieldCount() global ids (numeric, categorical, batch)
 *   linear_ids  array[int]  FeaturePipeline.linearWidth() ids (fields, then crosses)
 *   dense       array[float] FeaturePipeline.denseWidth() inputs for tree models
 * </pre>
 *
 * Written as Parquet, one file per partition; the in-process trainers' time split (first 80% by
 * {@code time} train, next 10% validation) applies unchanged.
 *
 * <p>Book: chapter 8, "Data preparation" and "Feature engineering" (one pipeline for training and
 * serving).
 *
 * <p>Thread safety: stateless; the pipeline is built once per partition.
 *
 * @param features the batch features joined onto each impression
 * @param params the feature pipeline's parameters (ad-ctr's {@code FeaturePipeline.Params})
 */
public record TrainingDataGeneration(AdBatchFeatures features, FeaturePipeline.Params params) {

  /** The Spark schema of a training row. */
  public static StructType sparkSchema() {
    return new StructType()
        .add("time", DataTypes.LongType, false)
        .add("label", DataTypes.IntegerType, false)
        .add("field_ids", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
        .add("linear_ids", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
        .add("dense", DataTypes.createArrayType(DataTypes.FloatType, false), false);
  }

  /** The labelled rows of a log (unordered; sort by {@code time} for log order). */
  public Dataset<Row> rows(Dataset<Row> log) {
    Dataset<Row> batch = features.sequential(log);
    Dataset<Row> joined =
        log.join(batch, "time")
            .select(
                concat(
                    log.columns(),
                    new String[] {
                      "ad_ctr_recent", "ad_ctr_all", "advertiser_ctr_recent", "advertiser_ctr_all"
                    }));
    int hb = params.hashBuckets();
    int cb = params.crossBuckets();
    int nb = params.numericBuckets();
    int tb = params.ctrBuckets();
    int width = log.columns().length;
    return joined.mapPartitions(
        (MapPartitionsFunction<Row, Row>)
            it -> encode(new FeaturePipeline.Params(hb, cb, nb, tb), width, it),
        Encoders.row(sparkSchema()));
  }

  /** Writes {@link #rows} as Parquet to {@code path} (replacing it); returns the row count. */
  public long write(Dataset<Row> log, String path) {
    Dataset<Row> rows = rows(log);
    rows.write().mode("overwrite").parquet(path);
    return log.sparkSession().read().parquet(path).count();
  }

  private static Iterator<Row> encode(FeaturePipeline.Params p, int width, Iterator<Row> in) {
    FeaturePipeline pipeline = new FeaturePipeline(ImpressionFrames.SCHEMA, p);
    float[] batch = new float[FeaturePipeline.BATCH_FIELDS];
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public Row next() {
        Row r = in.next();
        Impression imp = ImpressionFrames.toImpression(r);
        for (int j = 0; j < batch.length; j++) {
          batch[j] = r.getFloat(width + j);
        }
        int[] ids = new int[pipeline.fieldCount()];
        int[] lin = new int[pipeline.linearWidth()];
        float[] dense = new float[pipeline.denseWidth()];
        pipeline.encode(imp, batch, ids);
        pipeline.linearIds(ids, lin);
        pipeline.dense(imp, batch, dense);
        return RowFactory.create(
            imp.time(), imp.clicked() ? 1 : 0, boxed(ids), boxed(lin), boxed(dense));
      }
    };
  }

  private static Integer[] boxed(int[] v) {
    Integer[] o = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = v[i];
    }
    return o;
  }

  private static Float[] boxed(float[] v) {
    Float[] o = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = v[i];
    }
    return o;
  }

  private static org.apache.spark.sql.Column[] concat(String[] a, String[] b) {
    List<org.apache.spark.sql.Column> c = new ArrayList<>();
    for (String s : a) {
      c.add(col(s));
    }
    for (String s : b) {
      c.add(col(s));
    }
    return c.toArray(new org.apache.spark.sql.Column[0]);
  }
}
