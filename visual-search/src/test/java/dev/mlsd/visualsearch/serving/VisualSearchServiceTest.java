package dev.mlsd.visualsearch.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prediction and indexing pipelines on a small generated gallery. */
class VisualSearchServiceTest {
  @TempDir Path tmp;

  private static int[] ids(SearchResponse r) {
    return r.ids();
  }

  @Test
  void aCropIsCutOutResizedAndSearchedAsThatImage() {
    ServingFixture f = new ServingFixture(1f);
    // a 56x56 upload: gallery image 5 in the top-left 28x28, image 9 tiled around it
    int big = 56;
    byte[] canvas = new byte[big * big];
    byte[] five = f.pixels(5);
    byte[] other = f.pixels(9);
    for (int y = 0; y < big; y++) {
      for (int x = 0; x < big; x++) {
        canvas[y * big + x] = x < 28 && y < 28 ? five[y * 28 + x] : other[(y % 28) * 28 + (x % 28)];
      }
    }
    byte[] upload = ServingFixture.png(canvas, big, big);
    SearchResponse cropped = f.service.search(upload, upload.length, new CropBox(0, 0, 28, 28), 10);
    byte[] alone = ServingFixture.png(five, 28, 28);
    SearchResponse direct = f.service.search(alone, alone.length, null, 10);
    assertArrayEquals(ids(direct), ids(cropped), "the crop is searched as the image it holds");
    assertTrue(
        Arrays.stream(cropped.ids()).noneMatch(id -> id == 5),
        "image 5 is the query itself (cosine 1): re-ranking drops it as a duplicate");
    SearchResponse whole = f.service.search(upload, upload.length, null, 10);
    assertFalse(Arrays.equals(ids(whole), ids(cropped)), "the whole upload is another query");
  }

  @Test
  void nearDuplicatesOfTheQueryAndOfEachOtherAreRemoved() {
    ServingFixture f = new ServingFixture(0.999f);
    int copy = f.indexing.add(f.pixels(17)); // an exact duplicate of image 17 enters the gallery
    // the query is image 17 itself: both 17 and its copy are duplicates of the query
    byte[] query = png(f, 17);
    SearchResponse r = f.service.search(query, query.length, null, 10);
    assertEquals(10, r.ids().length);
    for (int id : r.ids()) {
      assertNotEquals(17, id);
      assertNotEquals(copy, id);
    }
    // a query near 17 but not equal: 17 and the copy tie; only one of them may be kept
    ServingFixture loose = new ServingFixture(0.999f);
    int copy2 = loose.indexing.add(loose.pixels(17));
    byte[] near = loose.pixels(17).clone();
    for (int i = 0; i < near.length; i += 7) {
      near[i] = (byte) Math.min(255, (near[i] & 0xff) + 40);
    }
    int[] out = new int[10];
    float[] scores = new float[10];
    int n = loose.service.search(near, 10, out, scores);
    int[] got = Arrays.copyOf(out, n);
    boolean has17 = Arrays.stream(got).anyMatch(id -> id == 17);
    boolean hasCopy = Arrays.stream(got).anyMatch(id -> id == copy2);
    assertFalse(has17 && hasCopy, "a duplicate pair in " + Arrays.toString(got));
    assertTrue(has17 || hasCopy, "one of the pair is the nearest image: " + Arrays.toString(got));
  }

  @Test
  void kResultsComeBackWhenMostNeighboursAreNearDuplicatesOfTheQuery() {
    ServingFixture f = new ServingFixture(0.999f);
    // 60 exact copies of image 17: with 17 itself, 61 images at cosine 1 to the query, more than
    // the 40 neighbours a k = 10 request fetches first
    int firstCopy = ServingFixture.COUNT;
    for (int i = 0; i < 60; i++) {
      f.indexing.add(f.pixels(17));
    }
    int[] out = new int[10];
    float[] scores = new float[10];
    int n = f.service.search(f.pixels(17), 10, out, scores);
    assertEquals(10, n, "k results, found by fetching deeper: " + Arrays.toString(out));
    for (int i = 0; i < n; i++) {
      assertTrue(out[i] != 17 && out[i] < firstCopy, "a duplicate of the query: " + out[i]);
      assertTrue(scores[i] < 0.999f, "score " + scores[i]);
      if (i > 0) {
        assertTrue(scores[i] <= scores[i - 1], "best first: " + Arrays.toString(scores));
      }
    }
    assertTrue(f.service.deeperFetches() >= 1);
  }

  @Test
  void fewerThanKEligibleImagesReturnsExactlyTheEligibleOnes() {
    ServingFixture f = new ServingFixture(0.999f);
    for (int i = 0; i < 30; i++) {
      f.indexing.add(f.pixels(17)); // duplicates of the query
    }
    // every original image private but the query's own and three others
    int[] eligible = {3, 58, 101};
    for (int id = 0; id < ServingFixture.COUNT; id++) {
      int candidate = id;
      if (id != 17 && Arrays.stream(eligible).noneMatch(e -> e == candidate)) {
        f.service.gallery().setPrivate(id, true);
      }
    }
    int[] out = new int[10];
    float[] scores = new float[10];
    int n = f.service.search(f.pixels(17), 10, out, scores);
    int[] got = Arrays.copyOf(out, n);
    Arrays.sort(got);
    assertArrayEquals(eligible, got, "all eligible images, nothing padded");
    byte[] query = png(f, 17);
    assertArrayEquals(got, sorted(f.service.search(query, query.length, null, 10).ids()));
  }

  private static int[] sorted(int[] a) {
    int[] c = a.clone();
    Arrays.sort(c);
    return c;
  }

  private static byte[] png(ServingFixture f, int id) {
    return ServingFixture.png(f.pixels(id), 28, 28);
  }

  @Test
  void anAddedImageIsFoundWithoutARebuildAndSurvivesSaveAndReload() throws Exception {
    ServingFixture f = new ServingFixture(0.9999f);
    byte[] fresh = ServingFixture.generate(1, 99).pixels(); // not in the gallery
    int[] out = new int[5];
    float[] scores = new float[5];
    f.service.search(fresh, 5, out, scores);
    int id = f.indexing.add(fresh);
    assertEquals(ServingFixture.COUNT, id);
    byte[] noisy = fresh.clone();
    noisy[0] = (byte) 200; // one pixel off: not a duplicate, still the same picture
    f.service.search(noisy, 5, out, scores);
    assertEquals(id, out[0], "the added image is the top result");

    f.service.gallery().setPrivate(3, true);
    f.indexing.save(tmp);
    IndexingPipeline.Loaded back = IndexingPipeline.load(tmp);
    assertEquals(ServingFixture.COUNT + 1, back.index().size());
    assertTrue(back.gallery().isPrivate(3));
    VisualSearchService reloaded =
        new VisualSearchService(
            "reloaded", f.pre, f.encoder, back.index(), back.gallery(), f.service.params());
    int[] out2 = new int[5];
    reloaded.search(noisy, 5, out2, new float[5]);
    assertArrayEquals(out, out2);
  }

  @Test
  void privateImagesAreFilteredAndCanComeBack() {
    ServingFixture f = new ServingFixture(1f);
    int[] out = new int[5];
    float[] s = new float[5];
    f.service.search(f.pixels(40), 5, out, s);
    int top = out[0];
    assertTrue(f.service.gallery().setPrivate(top, true));
    f.service.search(f.pixels(40), 5, out, s);
    assertTrue(Arrays.stream(out).noneMatch(id -> id == top));
    f.service.gallery().setPrivate(top, false);
    f.service.search(f.pixels(40), 5, out, s);
    assertEquals(top, out[0]);
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    ServingFixture f = new ServingFixture(1f);
    byte[] ok = png(f, 1);
    assertMessage(() -> f.service.search(ok, ok.length, null, 0), "k must be in 1..50");
    assertMessage(() -> f.service.search(ok, ok.length, null, 51), "k must be in 1..50");
    byte[] text = "hello, not an image".getBytes();
    assertMessage(() -> f.service.search(text, text.length, null, 5), "not an image");
    assertMessage(
        () -> f.service.search(ok, ok.length, new CropBox(20, 20, 10, 10), 5),
        "outside the 28x28 image");
    byte[] wide = VisualSearchServer.png(new byte[3000 * 2], 2, 3000, 1);
    assertMessage(() -> f.service.search(wide, wide.length, null, 5), "at most 2048 on a side");
    byte[] truncated = Arrays.copyOf(ok, ok.length / 2);
    assertMessage(() -> f.service.search(truncated, truncated.length, null, 5), "not a readable");
    assertMessage(() -> CropBox.parse("1,2,3"), "x,y,width,height");
    assertMessage(() -> CropBox.parse("1,2,0,4"), "width, height >= 1");
  }

  private static void assertMessage(Runnable r, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
