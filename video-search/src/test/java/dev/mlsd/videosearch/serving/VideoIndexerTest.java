package dev.mlsd.videosearch.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.videosearch.serving.SearchPipelines.Searches;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoIndexerTest {
  @TempDir Path dir;

  private static int[] ids(Candidates c) {
    int[] out = new int[c.size()];
    for (int p = 0; p < out.length; p++) {
      out[p] = c.id(p);
    }
    return out;
  }

  private static boolean contains(int[] ids, int id) {
    for (int x : ids) {
      if (x == id) {
        return true;
      }
    }
    return false;
  }

  @Test
  void anAddedVideoIsFoundByBothSearchesAtOnce() throws IOException {
    try (TinyStack s = new TinyStack(null)) {
      s.addCatalogue();
      ServingPipeline<SearchRequest> text = s.pipelines.build("t", Searches.TEXT, null, false);
      ServingPipeline<SearchRequest> learned =
          s.pipelines.build("l", Searches.LEARNED, null, false);
      assertEquals(0, text.run(SearchRequest.of("hot air balloon", 5, TinyStack.DIM), 5).size());
      int id = s.indexer.add("u9@N0_11", "u9@N0", "a hot air balloon rises at dawn", true);
      assertEquals(10, id);
      assertEquals(11, s.indexer.ann().size());
      assertEquals(11, s.indexer.text().size());
      Candidates t = text.run(SearchRequest.of("hot air balloon", 5, TinyStack.DIM), 5);
      assertEquals(id, t.id(0));
      Candidates l = learned.run(SearchRequest.of("hot air balloon", 5, TinyStack.DIM), 5);
      assertEquals(id, l.id(0));
    }
  }

  @Test
  void aDuplicateNameOrATextWithoutWordsChangesNothing() throws IOException {
    try (TinyStack s = new TinyStack(null)) {
      s.addCatalogue();
      assertThrows(IllegalArgumentException.class, () -> s.indexer.add("u1@N0_1", "u1", "x", true));
      assertThrows(IllegalArgumentException.class, () -> s.indexer.add("new", "u1", "?!", true));
      assertEquals(10, s.indexer.catalogue().size());
      assertEquals(10, s.indexer.ann().size());
      assertEquals(10, s.indexer.text().size());
    }
  }

  @Test
  void savedIndexesReloadAndAnswerTheSame() throws IOException {
    int[] before;
    try (TinyStack s = new TinyStack(dir.resolve(VideoIndexer.LUCENE_DIR))) {
      s.addCatalogue();
      s.indexer.save(dir);
      before = ids(s.pipelines.served(new WeightedSumFusion(0.5)).run(q("dog park"), 5));
    }
    VideoIndexer again =
        VideoIndexer.open(
            dir, new CatalogueTextVideoEncoder(TinyStack.tower(64), TinyStack.HASHER), true);
    try {
      assertEquals(10, again.catalogue().size());
      assertEquals(10, again.ann().size());
      assertEquals("u3@N0_6", again.catalogue().name(5));
      QueryEncoder qe = new QueryEncoder(TinyStack.tower(16), TinyStack.HASHER);
      int[] after =
          ids(
              TinyStack.pipelines(again, qe)
                  .served(new WeightedSumFusion(0.5))
                  .run(q("dog park"), 5));
      assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(after));
    } finally {
      again.text().close();
    }
  }

  @Test
  void privateVideosAreFilteredAndOneUploaderHasAtMostTwoOfTheTopK() throws IOException {
    try (TinyStack s = new TinyStack(null)) {
      s.addCatalogue();
      ServingPipeline<SearchRequest> served = s.pipelines.served(new WeightedSumFusion(0.5));
      int[] top = ids(served.run(q("a dog"), 3));
      int u1 = 0;
      for (int id : top) {
        u1 += s.indexer.catalogue().uploader(id) == s.indexer.catalogue().uploader(0) ? 1 : 0;
      }
      assertTrue(u1 <= 2, "uploader u1 has " + u1 + " of the top 3");
      int hidden = s.indexer.add("u4@N0_12", "u4@N0", "a purple elephant dances", false);
      assertTrue(!contains(ids(served.run(q("purple elephant"), 5)), hidden));
      s.indexer.catalogue().setAvailable(hidden, true);
      assertEquals(hidden, served.run(q("purple elephant"), 5).id(0));
    }
  }

  @Test
  void nearDuplicatesCollapseIntoTheBestRankedCopy() throws IOException {
    try (TinyStack s = new TinyStack(null)) {
      s.addCatalogue();
      int a = s.indexer.add("u5@N0_13", "u5@N0", "a green kite flies over the hill", true);
      int b = s.indexer.add("u6@N0_14", "u6@N0", "a green kite flies over the hill", true);
      int[] withRules = ids(s.pipelines.served(new WeightedSumFusion(0.5)).run(q("green kite"), 5));
      int[] without =
          ids(
              s.pipelines
                  .build("x", Searches.BOTH, new WeightedSumFusion(0.5), false)
                  .run(q("green kite"), 5));
      assertTrue(contains(without, a) && contains(without, b));
      assertTrue(contains(withRules, a) != contains(withRules, b), "exactly one copy is kept");
    }
  }

  private static SearchRequest q(String text) {
    return SearchRequest.of(text, 5, TinyStack.DIM);
  }
}
