package dev.mlsd.adctr.data;

import java.util.List;

/**
 * What the fields of one click log are, and which side of an ad request each belongs to: the ad
 * side (what an advertiser sets up: the ad, its advertiser, its attributes) or the request side
 * (the user and the context the impression happened in). Serving builds candidate ads from the
 * ad-side fields of real impressions and requests from the request-side fields.
 *
 * @param dataset the dataset name, e.g. {@code "criteo-sample"}
 * @param numericFields numeric field names, in {@link Impression#numeric()} order (all request
 *     side)
 * @param categoricalFields categorical field names, in {@link Impression#categorical()} order
 * @param adFields the categorical fields on the ad side; the tuple of their values identifies an ad
 * @param advertiserField the ad-side field standing for the advertiser (diversity, budgets)
 * @param targetingField a low-cardinality request-side field that advertisers target
 * @param crosses pairs of categorical fields crossed for the linear models
 * @param sideNote one sentence on how the sides were assigned (an assumption for anonymised logs)
 */
public record AdSchema(
    String dataset,
    List<String> numericFields,
    List<String> categoricalFields,
    List<String> adFields,
    String advertiserField,
    String targetingField,
    List<List<String>> crosses,
    String sideNote) {

  /** Checks every named field exists. */
  public AdSchema {
    numericFields = List.copyOf(numericFields);
    categoricalFields = List.copyOf(categoricalFields);
    adFields = List.copyOf(adFields);
    crosses = crosses.stream().map(List::copyOf).toList();
    for (String f : adFields) {
      requireCategorical(categoricalFields, f);
    }
    requireCategorical(categoricalFields, advertiserField);
    requireCategorical(categoricalFields, targetingField);
    if (!adFields.contains(advertiserField)) {
      throw new IllegalArgumentException(
          "advertiser field must be an ad field: " + advertiserField);
    }
    if (adFields.contains(targetingField)) {
      throw new IllegalArgumentException("targeting field must be request side: " + targetingField);
    }
    for (List<String> c : crosses) {
      if (c.size() != 2) {
        throw new IllegalArgumentException("a cross has two fields, got " + c);
      }
      requireCategorical(categoricalFields, c.get(0));
      requireCategorical(categoricalFields, c.get(1));
    }
  }

  /** Index of a categorical field. */
  public int categoricalIndex(String field) {
    int i = categoricalFields.indexOf(field);
    if (i < 0) {
      throw new IllegalArgumentException("no categorical field '" + field + "' in " + dataset);
    }
    return i;
  }

  /** Whether a categorical field is on the ad side. */
  public boolean isAdSide(int categoricalIndex) {
    return adFields.contains(categoricalFields.get(categoricalIndex));
  }

  /** Total number of fields, numeric then categorical. */
  public int fieldCount() {
    return numericFields.size() + categoricalFields.size();
  }

  private static void requireCategorical(List<String> fields, String f) {
    if (!fields.contains(f)) {
      throw new IllegalArgumentException("unknown categorical field '" + f + "'");
    }
  }
}
