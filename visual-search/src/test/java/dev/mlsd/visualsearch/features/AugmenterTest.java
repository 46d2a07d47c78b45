package dev.mlsd.visualsearch.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Augmentations keep the shape and the value range, and are a function of the seed. */
class AugmenterTest {
  private static byte[] image(int h, int w, int c) {
    byte[] b = new byte[h * w * c];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) ((i * 37) % 256);
    }
    return b;
  }

  private static float[] view(Augmenter a, byte[] img, int h, int w, int c, long seed) {
    float[] out = new float[h * w * c + 3];
    Arrays.fill(out, -7f); // sentinel: nothing outside the image may be written
    a.view(img, 0, h, w, c, out, 0, new float[h * w * c], new SplittableRandom(seed));
    return out;
  }

  @Test
  void keepsTheShapeAndRangeForGreyAndColour() {
    for (int c : new int[] {1, 3}) {
      byte[] img = image(28, 28, c);
      for (long seed = 0; seed < 20; seed++) {
        float[] v = view(Augmenter.DEFAULT, img, 28, 28, c, seed);
        for (int i = 0; i < 28 * 28 * c; i++) {
          assertTrue(v[i] >= 0f && v[i] <= 1f, "value " + v[i] + " at " + i);
        }
        for (int i = 28 * 28 * c; i < v.length; i++) {
          assertTrue(v[i] == -7f, "wrote past the image");
        }
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameViewAndAnotherSeedAnother() {
    byte[] img = image(28, 28, 1);
    assertArrayEquals(
        view(Augmenter.DEFAULT, img, 28, 28, 1, 5), view(Augmenter.DEFAULT, img, 28, 28, 1, 5));
    assertFalse(
        Arrays.equals(
            view(Augmenter.DEFAULT, img, 28, 28, 1, 5),
            view(Augmenter.DEFAULT, img, 28, 28, 1, 6)));
  }

  @Test
  void withEveryAugmentationOffTheViewIsTheImage() {
    Augmenter none = new Augmenter(1.0, 0, 0, 0, 0, 0);
    byte[] img = image(8, 8, 3);
    float[] v = view(none, img, 8, 8, 3, 1);
    for (int i = 0; i < img.length; i++) {
      assertTrue(Math.abs(v[i] - (img[i] & 0xff) / 255f) < 1e-6, "pixel " + i);
    }
  }
}
