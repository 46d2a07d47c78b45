package dev.mlsd.core.toy;

import dev.mlsd.core.serving.CandidateGenerator;
import dev.mlsd.core.serving.Candidates;

/**
 * Toy popularity retrieval: the {@value #COUNT} most popular items (ids {@code 0..COUNT-1}), the
 * same for every user.
 *
 * <p>Thread safety: stateless.
 */
public final class PopularItemsGenerator implements CandidateGenerator<ToyRequest> {
  /** Candidates per request. */
  public static final int COUNT = 250;

  @Override
  public void generate(ToyRequest q, Candidates out) {
    for (int id = 0; id < COUNT; id++) {
      out.add(id, 1f / (1 + id));
    }
  }
}
