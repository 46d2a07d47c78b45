package dev.mlsd.core.toy;

import dev.mlsd.core.http.Validation;

/**
 * One toy request, as posted to {@code /rank}.
 *
 * @param userId the user, in {@code [0, ToyCatalog.USERS)}
 * @param k how many items to return, in {@code [1, 100]}
 */
public record ToyRequest(int userId, int k) {
  /** Validates the ranges; out-of-range values are answered with 400. */
  public ToyRequest {
    Validation.range("k", k, 1, ToyCatalog.MAX_K);
  }
}
