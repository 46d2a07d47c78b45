package dev.mlsd.adctr.features;

import dev.mlsd.adctr.data.AdSchema;
import dev.mlsd.adctr.data.Impression;
import java.util.ArrayList;
import java.util.List;

/**
 * The one feature pipeline, used by training and by serving, so that there is no training/serving
 * skew. An impression becomes one integer id per field, in one global id space:
 *
 * <pre>
 *   fields  [numeric 0..n) [categorical n..n+c) [batch n+c..n+c+4)
 *   ids     field f owns [offset(f), offset(f) + size(f)); featureCount() ids in all
 *   numeric      LogBucketizer      (log transform, buckets, 0 = missing)
 *   categorical  HashedField        (hashing trick, per field, 0 = missing)
 *   batch        CtrBucketizer      (ad and advertiser historical CTR, 0 = no history)
 * </pre>
 *
 * The linear models add the {@link Crosses}, at ids {@code featureCount() + cross}. The
 * factorisation and deep models look each field's id up in an embedding table of {@code
 * featureCount()} rows (per-field embeddings, since the fields' id ranges are disjoint).
 *
 * <p>Serving fills the same array in three parts, each through the method training uses: {@link
 * #encodeAd} once per ad when the catalogue loads, {@link #encodeRequest} once per request, {@link
 * #encodeBatch} per candidate from the feature store; {@link #encode} is exactly these three calls.
 *
 * <p>Book: chapter 8, "Feature engineering".
 *
 * <p>Thread safety: immutable; the encode methods write only into the caller's arrays and do not
 * allocate.
 */
public final class FeaturePipeline {
  /** Number of batch (feature store) fields. */
  public static final int BATCH_FIELDS = 4;

  /**
   * The pipeline's parameters (saved on every model card, so serving rebuilds the same pipeline).
   *
   * @param hashBuckets ids per categorical field
   * @param crossBuckets ids in the shared cross space
   * @param numericBuckets ids per numeric field
   * @param ctrBuckets ids per historical-CTR field
   */
  public record Params(int hashBuckets, int crossBuckets, int numericBuckets, int ctrBuckets) {
    /** The module's defaults. */
    public static final Params DEFAULT = new Params(1 << 12, 1 << 14, 48, 16);
  }

  private final AdSchema schema;
  private final Params params;
  private final LogBucketizer numeric;
  private final CtrBucketizer ctr;
  private final HashedField[] hashed;
  private final boolean[] adSide;
  private final Crosses crosses;
  private final int[] offset;
  private final int featureCount;
  private final int n;
  private final int c;

  /** Builds the pipeline for a schema. */
  public FeaturePipeline(AdSchema schema, Params params) {
    this.schema = schema;
    this.params = params;
    this.numeric = new LogBucketizer(params.numericBuckets());
    this.ctr = new CtrBucketizer(params.ctrBuckets());
    this.n = schema.numericFields().size();
    this.c = schema.categoricalFields().size();
    this.hashed = new HashedField[c];
    this.adSide = new boolean[c];
    for (int i = 0; i < c; i++) {
      hashed[i] = new HashedField(i, params.hashBuckets());
      adSide[i] = schema.isAdSide(i);
    }
    this.crosses = new Crosses(schema, params.crossBuckets());
    this.offset = new int[fieldCount() + 1];
    for (int f = 0; f < fieldCount(); f++) {
      offset[f + 1] = offset[f] + fieldSize(f);
    }
    this.featureCount = offset[fieldCount()];
  }

  /** The schema. */
  public AdSchema schema() {
    return schema;
  }

  /** The parameters. */
  public Params params() {
    return params;
  }

  /** Number of fields (one id each). */
  public int fieldCount() {
    return n + c + BATCH_FIELDS;
  }

  /** Size of the id space of the per-field ids (embedding rows). */
  public int featureCount() {
    return featureCount;
  }

  /** Number of ids the linear models see per impression: fields plus crosses. */
  public int linearWidth() {
    return fieldCount() + crosses.count();
  }

  /** Size of the linear models' id space: fields' ids then cross ids. */
  public int linearFeatureCount() {
    return featureCount + crosses.buckets();
  }

  /** Number of ids field {@code f} may take. */
  public int fieldSize(int f) {
    if (f < n) {
      return params.numericBuckets();
    }
    if (f < n + c) {
      return params.hashBuckets();
    }
    return params.ctrBuckets();
  }

  /** Field names in id order: numeric, categorical, batch. */
  public List<String> fieldNames() {
    List<String> names = new ArrayList<>(schema.numericFields());
    names.addAll(schema.categoricalFields());
    names.addAll(HistoricalCtr.NAMES);
    return names;
  }

  /**
   * Encodes one impression: exactly {@link #encodeRequest}, {@link #encodeAd} and {@link
   * #encodeBatch}.
   *
   * @param batch the four historical CTRs of {@link HistoricalCtr}
   * @param out receives {@link #fieldCount()} global ids
   */
  public void encode(Impression imp, float[] batch, int[] out) {
    encodeRequest(imp.numeric(), imp.categorical(), out);
    encodeAd(imp.categorical(), out);
    encodeBatch(batch, out);
  }

  /**
   * Writes the request-side ids: every numeric field and the request-side categorical fields.
   * Ad-side positions of {@code out} are left as they are.
   *
   * @param numeric the numeric fields, {@code NaN} = missing
   * @param categorical all categorical fields in schema order (ad-side entries are ignored)
   */
  public void encodeRequest(float[] numeric, String[] categorical, int[] out) {
    checkWidth(numeric.length, n, "numeric");
    checkWidth(categorical.length, c, "categorical");
    for (int f = 0; f < n; f++) {
      out[f] = offset[f] + this.numeric.bucket(numeric[f]);
    }
    for (int i = 0; i < c; i++) {
      if (!adSide[i]) {
        out[n + i] = offset[n + i] + hashed[i].bucket(categorical[i]);
      }
    }
  }

  /**
   * Writes the ad-side categorical ids. Other positions are left as they are.
   *
   * @param categorical all categorical fields in schema order (request-side entries are ignored)
   */
  public void encodeAd(String[] categorical, int[] out) {
    checkWidth(categorical.length, c, "categorical");
    for (int i = 0; i < c; i++) {
      if (adSide[i]) {
        out[n + i] = offset[n + i] + hashed[i].bucket(categorical[i]);
      }
    }
  }

  /**
   * Copies the ad-side ids of an encoded ad ({@link #encodeAd} into a {@link #fieldCount()} array)
   * into the feature row starting at {@code outOffset}.
   */
  public void copyAd(int[] encodedAd, int[] out, int outOffset) {
    for (int i = 0; i < c; i++) {
      if (adSide[i]) {
        out[outOffset + n + i] = encodedAd[n + i];
      }
    }
  }

  /** Writes the batch-feature ids from the four historical CTRs ({@code NaN} = no history). */
  public void encodeBatch(float[] batch, int[] out) {
    encodeBatch(batch, 0, out, 0);
  }

  /**
   * Writes the batch-feature ids of the four CTRs at {@code batch[batchOffset..+4)} into the
   * feature row starting at {@code outOffset}. Allocation-free (the serving path).
   */
  public void encodeBatch(float[] batch, int batchOffset, int[] out, int outOffset) {
    for (int j = 0; j < BATCH_FIELDS; j++) {
      int f = n + c + j;
      out[outOffset + f] = offset[f] + ctr.bucket(batch[batchOffset + j]);
    }
  }

  /**
   * Writes the linear models' ids: the field ids, then the cross ids (offset by {@link
   * #featureCount()}).
   *
   * @param fieldIds ids from {@link #encode}
   * @param out receives {@link #linearWidth()} ids
   */
  public void linearIds(int[] fieldIds, int[] out) {
    System.arraycopy(fieldIds, 0, out, 0, fieldCount());
    crosses.ids(fieldIds, n, out, fieldCount());
    for (int i = fieldCount(); i < linearWidth(); i++) {
      out[i] += featureCount;
    }
  }

  /**
   * Dense inputs for tree models: log-transformed numerics ({@code -1} = missing), then the four
   * historical CTRs ({@code -1} = no history).
   */
  public void dense(Impression imp, float[] batch, float[] out) {
    for (int f = 0; f < n; f++) {
      out[f] = LogBucketizer.logValue(imp.numeric()[f]);
    }
    for (int j = 0; j < BATCH_FIELDS; j++) {
      out[n + j] = Float.isNaN(batch[j]) ? -1f : batch[j];
    }
  }

  /** Width of {@link #dense}. */
  public int denseWidth() {
    return n + BATCH_FIELDS;
  }

  /** Field of a global id. */
  public int fieldOf(int id) {
    if (id < 0 || id >= featureCount) {
      throw new IllegalArgumentException("id out of range: " + id);
    }
    int f = java.util.Arrays.binarySearch(offset, id);
    return f >= 0 ? f : -f - 2;
  }

  private static void checkWidth(int got, int want, String what) {
    if (got != want) {
      throw new IllegalArgumentException(what + " fields: expected " + want + ", got " + got);
    }
  }
}
