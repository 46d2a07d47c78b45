package dev.mlsd.core.toy;

import dev.mlsd.core.serving.Filter;

/**
 * Toy "already seen" rule: a user has seen the items whose id falls in the same residue class
 * modulo {@value #MODULUS} as the user id.
 *
 * <p>Thread safety: stateless.
 */
public final class SeenItemsFilter implements Filter<ToyRequest> {
  /** The modulus of the seen-items rule. */
  public static final int MODULUS = 97;

  @Override
  public boolean keep(ToyRequest q, int candidateId) {
    return candidateId % MODULUS != q.userId() % MODULUS;
  }
}
