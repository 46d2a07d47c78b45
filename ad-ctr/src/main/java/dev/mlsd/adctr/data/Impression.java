package dev.mlsd.adctr.data;

/**
 * One logged ad impression: the label (clicked or not), its position in time, and its raw fields as
 * the log holds them. Raw on purpose: the {@link dev.mlsd.adctr.features.FeaturePipeline} turns it
 * into model inputs, the same way offline and at serving time.
 *
 * <p>The arrays are owned by the impression and never modified after loading.
 *
 * @param clicked the label: the impression was clicked
 * @param time a non-decreasing time key in log order (the row index, or the log's hour field)
 * @param numeric the numeric fields in {@link AdSchema#numericFields()} order; {@code NaN} =
 *     missing
 * @param categorical the categorical fields in {@link AdSchema#categoricalFields()} order; {@code
 *     ""} = missing
 */
public record Impression(boolean clicked, long time, float[] numeric, String[] categorical) {
  /** Checks the arrays are present. */
  public Impression {
    if (numeric == null || categorical == null) {
      throw new IllegalArgumentException("numeric and categorical must be non-null");
    }
  }
}
