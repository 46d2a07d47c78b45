package dev.mlsd.adctr.serving;

import dev.mlsd.core.serving.CandidateGenerator;
import dev.mlsd.core.serving.Candidates;

/**
 * Candidate generation for ads: the ads whose targeting criteria match the request. An inverted
 * index built once maps each targeting value to its matching ads, most shown first; a request adds
 * its value's list (the pipeline's capacity cuts it at {@code maxCandidates}). Requests whose value
 * no campaign targets get the untargeted ads.
 *
 * <p>Book: chapter 8, "Serving: candidate generation" (ads whose targeting criteria match the
 * user).
 *
 * <p>Thread safety: immutable after construction.
 */
public final class TargetingCandidateGenerator implements CandidateGenerator<AdRequest> {
  private final int[][] byValue;
  private final int[] untargetedOnly;

  /** Indexes a catalogue. */
  public TargetingCandidateGenerator(AdCatalogue catalogue) {
    int values = catalogue.targetingValueCount();
    this.byValue = new int[values][];
    for (int v = 0; v < values; v++) {
      byValue[v] = matching(catalogue, v);
    }
    this.untargetedOnly = matching(catalogue, -1);
  }

  private static int[] matching(AdCatalogue c, int value) {
    int n = 0;
    for (int a = 0; a < c.size(); a++) {
      if (c.matches(a, value)) {
        n++;
      }
    }
    int[] out = new int[n];
    int i = 0;
    for (int a = 0; a < c.size(); a++) {
      if (c.matches(a, value)) {
        out[i++] = a;
      }
    }
    return out;
  }

  /** How many ads match a targeting value (-1 = unknown value). */
  public int matchCount(int targetingValue) {
    return list(targetingValue).length;
  }

  @Override
  public void generate(AdRequest query, Candidates out) {
    int[] ads = list(query.targetingValue());
    int cap = out.capacity();
    for (int i = 0; i < ads.length && out.size() < cap; i++) {
      out.add(ads[i], 0f);
    }
  }

  private int[] list(int v) {
    return v >= 0 && v < byValue.length ? byValue[v] : untargetedOnly;
  }
}
