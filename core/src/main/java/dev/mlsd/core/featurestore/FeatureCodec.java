package dev.mlsd.core.featurestore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The binary value of one feature row in a remote store.
 *
 * <pre>
 *   byte 0       encoding version, {@value #VERSION}
 *   bytes 1..2   dim, unsigned 16-bit little-endian
 *   bytes 3..    dim float32 values, little-endian IEEE-754
 * </pre>
 *
 * <p>3 + 4 x dim bytes: a 16-float row is 67 bytes (a JSON rendering of the same row is about three
 * times larger). A value of another version or length, or holding NaN or an infinity, is refused on
 * read and counted as corrupt, so a layout change or a poisoned row never silently mis-reads;
 * encoding refuses non-finite values in the first place.
 *
 * <p>Thread safety: stateless.
 */
public final class FeatureCodec {
  /** The encoding version this class writes and reads. */
  public static final byte VERSION = 1;

  /** Bytes before the floats. */
  public static final int HEADER_BYTES = 3;

  private static final VarHandle FLOAT_LE =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

  private FeatureCodec() {}

  /** The encoded length of a row of {@code dim} floats. */
  public static int encodedLength(int dim) {
    return HEADER_BYTES + 4 * dim;
  }

  /**
   * Encodes one row.
   *
   * @param values source
   * @param offset first value
   * @param dim number of values, 1..65535
   * @throws IllegalArgumentException if a value is NaN or infinite
   */
  public static byte[] encode(float[] values, int offset, int dim) {
    return encode(null, values, offset, dim);
  }

  /**
   * Encodes one row of a schema: NaN is accepted where the schema's default is NaN ({@link
   * FeatureSchema#accepts}), infinities never.
   *
   * @throws IllegalArgumentException if a value is not acceptable in its column
   */
  public static byte[] encode(FeatureSchema schema, float[] values, int offset) {
    return encode(schema, values, offset, schema.dim());
  }

  private static byte[] encode(FeatureSchema schema, float[] values, int offset, int dim) {
    if (dim < 1 || dim > 0xFFFF) {
      throw new IllegalArgumentException("dim must be in 1..65535, got " + dim);
    }
    for (int i = 0; i < dim; i++) {
      float v = values[offset + i];
      if (schema == null ? !Float.isFinite(v) : !schema.accepts(i, v)) {
        throw new IllegalArgumentException(
            "feature "
                + i
                + " is "
                + v
                + ": a stored value must be finite (or NaN where NaN is"
                + " the column's declared missing value)");
      }
    }
    byte[] b = new byte[encodedLength(dim)];
    b[0] = VERSION;
    b[1] = (byte) dim;
    b[2] = (byte) (dim >>> 8);
    for (int i = 0; i < dim; i++) {
      FLOAT_LE.set(b, HEADER_BYTES + 4 * i, values[offset + i]);
    }
    return b;
  }

  /**
   * Decodes one row if it is of this version and of the expected length.
   *
   * @param value the stored bytes
   * @param dim the expected number of floats
   * @param out destination
   * @param offset where to write
   * @return false, writing nothing, if the value is of another version or length, or holds NaN or
   *     an infinity (a model fed those would score garbage without failing)
   */
  public static boolean decode(byte[] value, int dim, float[] out, int offset) {
    return decode(value, null, dim, out, offset);
  }

  /**
   * Decodes one row of a schema: as {@link #decode(byte[], int, float[], int)}, but NaN is accepted
   * where the schema's default is NaN ({@link FeatureSchema#accepts}).
   */
  public static boolean decode(byte[] value, FeatureSchema schema, float[] out, int offset) {
    return decode(value, schema, schema.dim(), out, offset);
  }

  private static boolean decode(
      byte[] value, FeatureSchema schema, int dim, float[] out, int offset) {
    if (value.length != encodedLength(dim)
        || value[0] != VERSION
        || ((value[1] & 0xFF) | (value[2] & 0xFF) << 8) != dim) {
      return false;
    }
    for (int i = 0; i < dim; i++) {
      float v = (float) FLOAT_LE.get(value, HEADER_BYTES + 4 * i);
      if (schema == null ? !Float.isFinite(v) : !schema.accepts(i, v)) {
        return false;
      }
    }
    for (int i = 0; i < dim; i++) {
      out[offset + i] = (float) FLOAT_LE.get(value, HEADER_BYTES + 4 * i);
    }
    return true;
  }
}
