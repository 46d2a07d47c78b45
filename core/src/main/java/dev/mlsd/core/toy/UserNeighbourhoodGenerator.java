package dev.mlsd.core.toy;

import dev.mlsd.core.serving.CandidateGenerator;
import dev.mlsd.core.serving.Candidates;

/**
 * Toy personalised retrieval: {@value #COUNT} items spread over the catalogue by a stride derived
 * from the user id, standing in for an ANN lookup of the user's embedding.
 *
 * <p>Thread safety: stateless.
 */
public final class UserNeighbourhoodGenerator implements CandidateGenerator<ToyRequest> {
  /** Candidates per request. */
  public static final int COUNT = 300;

  @Override
  public void generate(ToyRequest q, Candidates out) {
    long base = (long) q.userId() * 7919;
    for (int i = 0; i < COUNT; i++) {
      int id = (int) ((base + (long) i * 104_729) % ToyCatalog.ITEMS);
      out.add(id, 1f - i / (float) COUNT);
    }
  }
}
