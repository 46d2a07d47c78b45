package dev.mlsd.videosearch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextSearchIndexTest {
  @TempDir Path dir;

  @Test
  void bm25RanksTheVideoSharingTheRarestWordsFirst() throws IOException {
    try (TextSearchIndex ix = TextSearchIndex.inMemory(false)) {
      ix.add(0, "a dog runs on the beach");
      ix.add(1, "a cat sleeps on the sofa");
      ix.add(2, "the dog and the cat play");
      ix.refresh();
      int[] ids = new int[3];
      float[] scores = new float[3];
      int n = ix.search("Sleeping CAT, sofa!", 3, ids, scores);
      assertEquals(2, n);
      assertEquals(1, ids[0]);
      assertEquals(2, ids[1]);
    }
  }

  @Test
  void stemmingMatchesInflections() throws IOException {
    try (TextSearchIndex plain = TextSearchIndex.inMemory(false);
        TextSearchIndex stem = TextSearchIndex.inMemory(true)) {
      for (TextSearchIndex ix : new TextSearchIndex[] {plain, stem}) {
        ix.add(7, "a man walking his dogs");
        ix.refresh();
      }
      int[] ids = new int[1];
      float[] s = new float[1];
      assertEquals(0, plain.search("walks dog", 1, ids, s));
      assertEquals(1, stem.search("walks dog", 1, ids, s));
      assertEquals(7, ids[0]);
    }
  }

  @Test
  void queryOperatorsAreWordsAndAnEmptyQueryIsRefused() throws IOException {
    try (TextSearchIndex ix = TextSearchIndex.inMemory(false)) {
      ix.add(0, "foo and bar");
      ix.refresh();
      int[] ids = new int[1];
      float[] s = new float[1];
      assertEquals(1, ix.search("title:(foo AND \"bar*\"~2", 1, ids, s));
      assertThrows(TextSearchIndex.NoSearchableWords.class, () -> ix.search("*:* ?!", 1, ids, s));
    }
  }

  @Test
  void addsAreSearchableAfterRefreshAndSurviveAReopen() throws IOException {
    int[] ids = new int[2];
    float[] s = new float[2];
    try (TextSearchIndex ix = TextSearchIndex.open(dir, true)) {
      ix.add(0, "red kite over a field");
      ix.commit();
      assertEquals(0, ix.search("balloon", 2, ids, s));
      ix.add(1, "a hot air balloon rises");
      assertEquals(0, ix.search("balloon", 2, ids, s));
      ix.commit();
      assertEquals(1, ix.search("balloon", 2, ids, s));
      assertEquals(1, ids[0]);
    }
    try (TextSearchIndex again = TextSearchIndex.open(dir, true)) {
      assertEquals(2, again.size());
      assertEquals(1, again.search("balloons", 2, ids, s));
      assertEquals(1, ids[0]);
    }
  }
}
