package dev.mlsd.videosearch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchCorpusTest {
  /** 30 videos, video v with (v % 4) + 1 descriptions whose text names the annotation id. */
  static List<Video> fixture() {
    List<Video> videos = new ArrayList<>();
    int annotation = 100;
    for (int v = 0; v < 30; v++) {
      List<Description> ds = new ArrayList<>();
      for (int d = 0; d <= v % 4; d++) {
        ds.add(new Description(annotation, "sentence number a" + annotation));
        annotation++;
      }
      videos.add(new Video(v, "u" + (v % 5) + "@N0_" + v + ".mp4", "u" + (v % 5) + "@N0", ds));
    }
    return videos;
  }

  @Test
  void theQueryIsTheSmallestAnnotationIdAndIsNeverIndexed() {
    SearchCorpus c = SearchCorpus.of(fixture());
    for (int v = 0; v < c.size(); v++) {
      SearchQuery q = c.queryOf(v);
      List<Description> ds = c.video(v).descriptions();
      if (ds.size() < 2) {
        assertNull(q);
        assertEquals(ds.getFirst().text(), c.indexedText(v));
        continue;
      }
      assertEquals(ds.getFirst().annotationId(), q.annotationId());
      assertEquals(v, q.videoId());
      assertFalse(c.indexedText(v).contains("a" + q.annotationId()), "query leaked into the index");
      for (int i = 1; i < ds.size(); i++) {
        assertTrue(c.indexedText(v).contains(ds.get(i).text()));
      }
    }
  }

  @Test
  void theSplitPartitionsTheVideosAndNoTrainingPairTouchesATestOrValidationVideo() {
    SearchCorpus c = SearchCorpus.of(fixture());
    VideoSplit s = VideoSplit.of(c.size(), 0.2, 0.2, 42);
    Set<Integer> all = new HashSet<>();
    for (int[] part : new int[][] {s.train(), s.validation(), s.test()}) {
      for (int v : part) {
        assertTrue(all.add(v), "video " + v + " in two parts");
      }
    }
    assertEquals(c.size(), all.size());
    assertEquals(6, s.test().length);
    Set<Integer> heldOut = new HashSet<>();
    for (int v : s.test()) {
      heldOut.add(v);
    }
    for (int v : s.validation()) {
      heldOut.add(v);
    }
    Set<String> evaluationQueries = new HashSet<>();
    for (SearchQuery q : c.queries(s.test())) {
      evaluationQueries.add(q.text());
    }
    for (SearchQuery q : c.queries(s.validation())) {
      evaluationQueries.add(q.text());
    }
    List<TrainingPair> pairs = TrainingPair.of(c, s.train());
    assertFalse(pairs.isEmpty());
    for (TrainingPair p : pairs) {
      assertFalse(heldOut.contains(p.videoId()), "training pair from a held-out video");
      assertFalse(evaluationQueries.contains(p.query()), "an evaluation query is trained on");
      assertFalse(p.videoText().contains(p.query()), "a pair's query is in its own video text");
    }
  }

  @Test
  void theSplitIsSeeded() {
    VideoSplit a = VideoSplit.of(100, 0.2, 0.2, 7);
    VideoSplit b = VideoSplit.of(100, 0.2, 0.2, 7);
    VideoSplit c = VideoSplit.of(100, 0.2, 0.2, 8);
    assertTrue(java.util.Arrays.equals(a.test(), b.test()));
    assertFalse(java.util.Arrays.equals(a.test(), c.test()));
  }

  @Test
  void theUploaderIsTheFlickrUserId() {
    assertEquals("26292851@N04", Video.uploaderOf("26292851@N04_4253489686_265c3c8051.m4v"));
  }
}
