package dev.mlsd.core.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  @Test
  void percentilesOfKnownValues() {
    LatencyRecorder r = new LatencyRecorder("x");
    for (int i = 1; i <= 1000; i++) {
      r.recordNanos(i * 1_000L); // 1..1000 microseconds
    }
    assertEquals(1000, r.count());
    assertEquals(500, r.percentileMicros(50), 1);
    assertEquals(990, r.percentileMicros(99), 1);
    assertEquals(1000, r.percentileMicros(100), 1);
    r.reset();
    assertEquals(0, r.count());
  }

  @Test
  void negativeAndHugeValuesAreClampedNotLost() {
    LatencyRecorder r = new LatencyRecorder("x");
    r.recordNanos(-5);
    r.recordNanos(Long.MAX_VALUE);
    assertEquals(2, r.count());
    assertEquals(60e6, r.percentileMicros(100), 60e6 * 0.001);
  }
}
