package dev.mlsd.core.featurestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The parts of {@link RedisFeatureStore} that need no server. */
class RedisFeatureStoreUnitTest {
  @Test
  void keysAreDecimalIdsAfterThePrefix() {
    byte[] p = "p:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals(
        "p:0", new String(RedisFeatureStore.key(p, 0), java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(
        "p:-2147483648",
        new String(
            RedisFeatureStore.key(p, Integer.MIN_VALUE),
            java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(
        "p:2147483647",
        new String(
            RedisFeatureStore.key(p, Integer.MAX_VALUE),
            java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void badUrlsAndSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> RedisFeatureStore.open("http://x:1"));
    assertThrows(IllegalArgumentException.class, () -> RedisFeatureStore.open("redis://nohost"));
    assertThrows(IllegalArgumentException.class, () -> RedisFeatureStore.open(null));
    assertThrows(
        IllegalArgumentException.class,
        () -> RedisFeatureStore.Settings.defaults().withBudget(Duration.ZERO));
  }
}
