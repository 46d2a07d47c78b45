package dev.mlsd.adctr.serving;

import dev.mlsd.adctr.data.AdSchema;
import dev.mlsd.adctr.data.Impression;
import java.util.ArrayList;
import java.util.List;

/**
 * Ad requests made from real logged impressions: the request side of each impression (its numeric
 * fields and request-side categorical fields) with the ad side blanked, so the pipeline must choose
 * the ad. Used by the demo, the benchmarks and the load test.
 */
public final class SampleRequests {
  private SampleRequests() {}

  /** One request per impression, in order. */
  public static List<AdRequest> from(AdCatalogue catalogue, List<Impression> rows, int k) {
    List<AdRequest> out = new ArrayList<>(rows.size());
    for (Impression r : rows) {
      out.add(of(catalogue, r, k));
    }
    return out;
  }

  /** The request side of one impression. */
  public static AdRequest of(AdCatalogue catalogue, Impression r, int k) {
    AdSchema s = catalogue.schema();
    String[] cat = r.categorical().clone();
    for (int c = 0; c < cat.length; c++) {
      if (s.isAdSide(c)) {
        cat[c] = "";
      }
    }
    return new AdRequest(
        r.numeric().clone(), cat, catalogue.targetingValue(cat[catalogue.targetingField()]), k);
  }
}
