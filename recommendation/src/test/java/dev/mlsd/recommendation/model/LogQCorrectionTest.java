package dev.mlsd.recommendation.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The sampling-bias correction is log(count / examples) per video. */
class LogQCorrectionTest {

  @Test
  void isTheLogOfEachVideosShareOfTheExamples() {
    LogQCorrection q = LogQCorrection.of(new int[] {2, 0, 2, 2, 1, 2, 0, 2}, 4);
    assertEquals(Math.log(2 / 8.0), q.logQ(0), 1e-6);
    assertEquals(Math.log(1 / 8.0), q.logQ(1), 1e-6);
    assertEquals(Math.log(5 / 8.0), q.logQ(2), 1e-6);
    // never a positive, so never in a batch: finite, as if half an example
    assertEquals(Math.log(0.5 / 8.0), q.logQ(3), 1e-6);
  }

  @Test
  void noneIsZeroEverywhere() {
    LogQCorrection q = LogQCorrection.none(3);
    for (int j = 0; j < 3; j++) {
      assertEquals(0f, q.logQ(j));
    }
  }

  @Test
  void refusesNoExamplesAndUnknownVideos() {
    assertThrows(IllegalArgumentException.class, () -> LogQCorrection.of(new int[0], 3));
    assertThrows(IllegalArgumentException.class, () -> LogQCorrection.of(new int[] {0, 3}, 3));
    assertThrows(IllegalArgumentException.class, () -> LogQCorrection.of(new int[] {-1}, 3));
  }
}
