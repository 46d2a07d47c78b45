package dev.mlsd.adctr.features;

import dev.mlsd.adctr.data.AdSchema;
import dev.mlsd.adctr.data.Impression;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch features the book lists for the ad side, "engagement counts over windows": the ad's and
 * its advertiser's click-through rate over the last {@code window} impressions and over all
 * history, smoothed towards the background rate with {@code smoothing} pseudo-impressions. Offline,
 * every impression gets the values as of just before it ({@link #sequential}): only the past, so no
 * leakage. For serving the same counts are materialised at a point in time ({@link #materialise})
 * and written to the feature store.
 *
 * <p>Order of the four values: {@code ad_ctr_recent, ad_ctr_all, advertiser_ctr_recent,
 * advertiser_ctr_all}; {@code NaN} = no impression of that key yet.
 *
 * <p>Book: chapter 8, "Feature engineering: ad features, engagement numbers".
 *
 * <p>Thread safety: immutable; each call builds its own counters.
 *
 * @param schema the log's schema (which fields identify the ad and the advertiser)
 * @param window the recent window, in impressions
 * @param smoothing pseudo-impressions at the background rate added to every key
 */
public record HistoricalCtr(AdSchema schema, int window, double smoothing) {
  /** Names of the four values, in order. */
  public static final List<String> NAMES =
      List.of("ad_ctr_recent", "ad_ctr_all", "advertiser_ctr_recent", "advertiser_ctr_all");

  /** Checks the parameters. */
  public HistoricalCtr {
    if (window < 1 || !(smoothing >= 0)) {
      throw new IllegalArgumentException("window >= 1 and smoothing >= 0 required");
    }
  }

  /** The batch features as they would be materialised after a log (per ad key and advertiser). */
  public record Snapshot(Map<Long, float[]> byAd, Map<Long, float[]> byAdvertiser) {
    /** The four values for an ad, {@code NaN} where unknown, written into {@code out[0..3]}. */
    public void values(long adKey, long advertiserKey, float[] out) {
      float[] a = byAd.get(adKey);
      float[] v = byAdvertiser.get(advertiserKey);
      out[0] = a == null ? Float.NaN : a[0];
      out[1] = a == null ? Float.NaN : a[1];
      out[2] = v == null ? Float.NaN : v[0];
      out[3] = v == null ? Float.NaN : v[1];
    }
  }

  /** The key of the ad an impression shows: a hash of its ad-side field values. */
  public long adKey(String[] categorical) {
    long h = 17;
    for (String f : schema.adFields()) {
      h = HashedField.mix(h * 31 + HashedField.hash(7, categorical[schema.categoricalIndex(f)]));
    }
    return h;
  }

  /** The key of the advertiser of an impression. */
  public long advertiserKey(String[] categorical) {
    return HashedField.hash(11, categorical[schema.categoricalIndex(schema.advertiserField())]);
  }

  /** Per row, the four values from the rows before it only. */
  public float[][] sequential(List<Impression> rows) {
    Counters c = new Counters();
    float[][] out = new float[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      Impression r = rows.get(i);
      long ad = adKey(r.categorical());
      long adv = advertiserKey(r.categorical());
      out[i] = new float[4];
      c.values(ad, adv, out[i]);
      c.add(ad, adv, r.clicked());
    }
    return out;
  }

  /** The values per key after all of {@code rows} (what the batch job writes to the store). */
  public Snapshot materialise(List<Impression> rows) {
    Counters c = new Counters();
    for (Impression r : rows) {
      c.add(adKey(r.categorical()), advertiserKey(r.categorical()), r.clicked());
    }
    Map<Long, float[]> byAd = new HashMap<>();
    Map<Long, float[]> byAdv = new HashMap<>();
    for (Map.Entry<Long, Boolean> e : c.isAd.entrySet()) {
      long key = e.getKey();
      float[] two = {c.rate(c.recent.get(key)), c.rate(c.all.get(key))};
      if (e.getValue()) {
        byAd.put(key, two);
      } else {
        byAdv.put(~key, two);
      }
    }
    return new Snapshot(byAd, byAdv);
  }

  /** Sliding-window and all-time counts. Keys of ads and advertisers share maps, tagged apart. */
  private final class Counters {
    final Map<Long, long[]> all = new HashMap<>();
    final Map<Long, long[]> recent = new HashMap<>();
    final Map<Long, Boolean> isAd = new HashMap<>();
    final long[] ringAd = new long[window];
    final long[] ringAdv = new long[window];
    final boolean[] ringClick = new boolean[window];
    long seen;
    long clicks;

    void add(long ad, long adv, boolean click) {
      if (seen >= window) {
        int j = (int) (seen % window);
        dec(ringAd[j], ringClick[j]);
        dec(~ringAdv[j], ringClick[j]);
      }
      int j = (int) (seen % window);
      ringAd[j] = ad;
      ringAdv[j] = adv;
      ringClick[j] = click;
      inc(all, ad, click);
      inc(all, ~adv, click);
      inc(recent, ad, click);
      inc(recent, ~adv, click);
      isAd.put(ad, true);
      isAd.putIfAbsent(~adv, false);
      seen++;
      if (click) {
        clicks++;
      }
    }

    void values(long ad, long adv, float[] out) {
      out[0] = rate(recent.get(ad));
      out[1] = rate(all.get(ad));
      out[2] = rate(recent.get(~adv));
      out[3] = rate(all.get(~adv));
    }

    float rate(long[] n) {
      if (n == null || n[0] == 0) {
        return Float.NaN;
      }
      double prior = seen == 0 ? 0 : (double) clicks / seen;
      return (float) ((n[1] + smoothing * prior) / (n[0] + smoothing));
    }

    private void dec(long key, boolean click) {
      long[] n = recent.get(key);
      n[0]--;
      if (click) {
        n[1]--;
      }
    }

    private static void inc(Map<Long, long[]> m, long key, boolean click) {
      long[] n = m.computeIfAbsent(key, k -> new long[2]);
      n[0]++;
      if (click) {
        n[1]++;
      }
    }
  }
}
