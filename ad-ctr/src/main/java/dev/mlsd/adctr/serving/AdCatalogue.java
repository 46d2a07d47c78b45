package dev.mlsd.adctr.serving;

import dev.mlsd.adctr.data.AdSchema;
import dev.mlsd.adctr.data.Impression;
import dev.mlsd.adctr.features.FeaturePipeline;
import dev.mlsd.adctr.features.HistoricalCtr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The ads that can be served, with their campaigns. The ads are real: every distinct tuple of
 * ad-side field values in the given impressions is one ad (its id is its rank by impressions, most
 * shown first, ties by first appearance). The campaign configuration is generated, since
 * advertisers set it and the logs do not hold it (seeded):
 *
 * <ul>
 *   <li>targeting: a set of values of the schema's targeting field; an ad targets every value it
 *       was actually shown with, each other value with probability 1/2; one ad in five is
 *       untargeted (matches every request);
 *   <li>bid per click, 0.10 to 2.00 (in micros), and a budget per advertiser, 200 to 2,000.
 * </ul>
 *
 * Each ad's ad-side feature ids are encoded once here ({@link FeaturePipeline#encodeAd}), so the
 * ranker only copies them per candidate.
 *
 * <p>Thread safety: immutable after construction.
 */
public final class AdCatalogue {
  /** At most this many targeting values are indexed (a bit mask per ad). */
  public static final int MAX_TARGETING_VALUES = 64;

  private final AdSchema schema;
  private final String[][] adFields;
  private final int[][] encoded;
  private final long[] adKeys;
  private final long[] advertiserKeys;
  private final int[] advertiser;
  private final int advertisers;
  private final long[] targeting;
  private final boolean[] untargeted;
  private final long[] bidMicros;
  private final long[] budgetMicros;
  private final Map<String, Integer> targetingValues;
  private final int targetingField;
  private final Map<Long, Integer> indexByKey;

  /**
   * Builds the catalogue from impressions.
   *
   * @param rows impressions whose ads are served (normally the training period)
   * @param maxAds keep the most shown ads only
   * @param seed seeds the generated campaigns
   */
  public AdCatalogue(FeaturePipeline pipeline, List<Impression> rows, int maxAds, long seed) {
    this.schema = pipeline.schema();
    HistoricalCtr keys = new HistoricalCtr(schema, 1, 0);
    this.targetingField = schema.categoricalIndex(schema.targetingField());
    int advField = schema.categoricalIndex(schema.advertiserField());
    Map<Long, int[]> counts = new LinkedHashMap<>();
    Map<Long, String[]> firstRow = new HashMap<>();
    Map<Long, Long> seenTargets = new HashMap<>();
    Map<String, Integer> tv = new LinkedHashMap<>();
    for (Impression r : rows) {
      String t = r.categorical()[targetingField];
      if (!tv.containsKey(t) && tv.size() < MAX_TARGETING_VALUES) {
        tv.put(t, tv.size());
      }
    }
    for (Impression r : rows) {
      long key = keys.adKey(r.categorical());
      counts.computeIfAbsent(key, k -> new int[1])[0]++;
      firstRow.putIfAbsent(key, r.categorical());
      Integer t = tv.get(r.categorical()[targetingField]);
      if (t != null) {
        seenTargets.merge(key, 1L << t, (a, b) -> a | b);
      }
    }
    List<Long> ads = new ArrayList<>(counts.keySet());
    // most shown first; the stable sort keeps first appearance for ties
    ads.sort((a, b) -> counts.get(b)[0] - counts.get(a)[0]);
    if (ads.size() > maxAds) {
      ads = ads.subList(0, maxAds);
    }
    int n = ads.size();
    this.adFields = new String[n][];
    this.encoded = new int[n][];
    this.adKeys = new long[n];
    this.advertiserKeys = new long[n];
    this.advertiser = new int[n];
    this.targeting = new long[n];
    this.untargeted = new boolean[n];
    this.bidMicros = new long[n];
    Map<String, Integer> advIndex = new LinkedHashMap<>();
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      long key = ads.get(i);
      String[] cat = firstRow.get(key).clone();
      for (int c = 0; c < cat.length; c++) {
        if (!schema.isAdSide(c)) {
          cat[c] = "";
        }
      }
      adFields[i] = cat;
      encoded[i] = new int[pipeline.fieldCount()];
      pipeline.encodeAd(cat, encoded[i]);
      adKeys[i] = key;
      advertiserKeys[i] = keys.advertiserKey(cat);
      advertiser[i] = advIndex.computeIfAbsent(cat[advField], k -> advIndex.size());
      long mask = seenTargets.getOrDefault(key, 0L);
      for (int t = 0; t < tv.size(); t++) {
        if (rnd.nextDouble() < 0.5) {
          mask |= 1L << t;
        }
      }
      targeting[i] = mask;
      untargeted[i] = rnd.nextInt(5) == 0;
      bidMicros[i] = 100_000 + rnd.nextLong(1_900_000);
    }
    this.advertisers = advIndex.size();
    this.budgetMicros = new long[advertisers];
    for (int a = 0; a < advertisers; a++) {
      budgetMicros[a] = 200_000_000L + rnd.nextLong(1_800_000_000L);
    }
    this.targetingValues = Map.copyOf(tv);
    Map<Long, Integer> byKey = new HashMap<>();
    for (int i = 0; i < n; i++) {
      byKey.put(adKeys[i], i);
    }
    this.indexByKey = Map.copyOf(byKey);
  }

  /** The id of the ad with the given key ({@link HistoricalCtr#adKey}), or -1. */
  public int indexOf(long adKey) {
    return indexByKey.getOrDefault(adKey, -1);
  }

  /** Number of ads. */
  public int size() {
    return adFields.length;
  }

  /** Number of advertisers. */
  public int advertisers() {
    return advertisers;
  }

  /** The schema. */
  public AdSchema schema() {
    return schema;
  }

  /** The ad-side raw values of an ad (request-side entries empty). Do not modify. */
  public String[] adFields(int ad) {
    return adFields[ad];
  }

  /** The ad's encoded ad-side ids, a {@code fieldCount()} array. Do not modify. */
  public int[] encodedAd(int ad) {
    return encoded[ad];
  }

  /** The ad's key for batch features ({@link HistoricalCtr#adKey}). */
  public long adKey(int ad) {
    return adKeys[ad];
  }

  /** The ad's advertiser key ({@link HistoricalCtr#advertiserKey}). */
  public long advertiserKey(int ad) {
    return advertiserKeys[ad];
  }

  /** The ad's advertiser index, in [0, advertisers()). */
  public int advertiser(int ad) {
    return advertiser[ad];
  }

  /** Whether the ad matches a request with the given targeting-value index (-1 = unknown). */
  public boolean matches(int ad, int targetingValue) {
    return untargeted[ad] || (targetingValue >= 0 && (targeting[ad] >>> targetingValue & 1) != 0);
  }

  /** The ad's bid per click, in micros. */
  public long bidMicros(int ad) {
    return bidMicros[ad];
  }

  /** An advertiser's budget, in micros. */
  public long budgetMicros(int advertiser) {
    return budgetMicros[advertiser];
  }

  /** Number of indexed targeting values. */
  public int targetingValueCount() {
    return targetingValues.size();
  }

  /** The index of a targeting-field value, or -1 if no campaign targets it. */
  public int targetingValue(String value) {
    Integer i = targetingValues.get(value == null ? "" : value);
    return i == null ? -1 : i;
  }

  /** The categorical index of the targeting field. */
  public int targetingField() {
    return targetingField;
  }
}
