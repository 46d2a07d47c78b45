package dev.mlsd.adctr.serving;

/**
 * One ad request: the request side of an impression (user and context), raw as the log holds it,
 * plus how many ads to return. Parsed at the HTTP edge; the pipeline encodes it once per request.
 *
 * <p>Immutable by contract: the arrays are not modified after construction.
 *
 * @param numeric the numeric fields in schema order, {@code NaN} = missing
 * @param categorical all categorical fields in schema order; ad-side entries are ignored
 * @param targetingValue index of the request's targeting-field value in the catalogue, or -1 when
 *     the value is not one any campaign targets
 * @param k ads wanted
 */
public record AdRequest(float[] numeric, String[] categorical, int targetingValue, int k) {
  /** Checks the arrays and k. */
  public AdRequest {
    if (numeric == null || categorical == null) {
      throw new IllegalArgumentException("numeric and categorical fields are required");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
  }
}
