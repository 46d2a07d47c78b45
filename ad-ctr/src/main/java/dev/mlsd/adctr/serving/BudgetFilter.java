package dev.mlsd.adctr.serving;

import dev.mlsd.core.serving.Filter;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Re-ranking's budget rule, applied as a filter before the expensive stages: an ad stays only while
 * its advertiser's remaining budget covers one more click at the ad's bid. Serving charges the
 * expected cost of each ad it returns ({@link #charge}: bid x calibrated click probability), which
 * paces spend with traffic.
 *
 * <p>Book: chapter 8, "Serving: re-ranking" (budget, pacing).
 *
 * <p>Thread safety: the ledger is an {@link AtomicLongArray}; charges from concurrent requests are
 * never lost (a budget may go slightly negative under a race, never silently reset).
 */
public final class BudgetFilter implements Filter<AdRequest> {
  private final AdCatalogue catalogue;
  private final AtomicLongArray remaining;

  /** Starts every advertiser at its full budget. */
  public BudgetFilter(AdCatalogue catalogue) {
    this.catalogue = catalogue;
    this.remaining = new AtomicLongArray(catalogue.advertisers());
    for (int a = 0; a < catalogue.advertisers(); a++) {
      remaining.set(a, catalogue.budgetMicros(a));
    }
  }

  @Override
  public boolean keep(AdRequest query, int ad) {
    return remaining.get(catalogue.advertiser(ad)) >= catalogue.bidMicros(ad);
  }

  /** Charges the expected cost of showing an ad: bid x click probability. */
  public void charge(int ad, float clickProbability) {
    long cost = (long) (catalogue.bidMicros(ad) * (double) clickProbability);
    remaining.addAndGet(catalogue.advertiser(ad), -cost);
  }

  /** An advertiser's remaining budget, in micros. */
  public long remainingMicros(int advertiser) {
    return remaining.get(advertiser);
  }

  /** Sets an advertiser's remaining budget (tests, budget refresh). */
  public void setRemainingMicros(int advertiser, long micros) {
    remaining.set(advertiser, micros);
  }
}
