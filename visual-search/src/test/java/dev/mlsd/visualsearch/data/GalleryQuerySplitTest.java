package dev.mlsd.visualsearch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The validation split: disjoint, complete, seeded; bad sizes refused. */
class GalleryQuerySplitTest {
  /** 20 one-pixel images whose pixel value is their id. */
  private static ImageSet twenty() {
    byte[] pixels = new byte[20];
    int[] labels = new int[20];
    for (int i = 0; i < 20; i++) {
      pixels[i] = (byte) i;
      labels[i] = i % 2;
    }
    return new ImageSet("ids", 20, 1, 1, 1, pixels, labels, List.of("even", "odd"));
  }

  @Test
  void validationQueriesAreHeldOutOfTheGalleryAndSeeded() {
    GalleryQuerySplit v = GalleryQuerySplit.validation(twenty(), 5, 7);
    assertEquals(15, v.gallery().count());
    assertEquals(5, v.queries().count());
    Set<Byte> seen = new HashSet<>();
    for (byte b : v.gallery().pixels()) {
      seen.add(b);
    }
    for (byte b : v.queries().pixels()) {
      assertEquals(true, seen.add(b), "image " + b + " on both sides");
    }
    assertEquals(20, seen.size());
    assertArrayEquals(
        v.queries().pixels(), GalleryQuerySplit.validation(twenty(), 5, 7).queries().pixels());
  }

  @Test
  void aValidationSizeOutsideTheGalleryIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> GalleryQuerySplit.validation(twenty(), 0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> GalleryQuerySplit.validation(twenty(), 20, 1));
  }
}
