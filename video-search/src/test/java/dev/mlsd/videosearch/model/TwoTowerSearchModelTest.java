package dev.mlsd.videosearch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.videosearch.data.TrainingPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwoTowerSearchModelTest {
  static final String[] WORDS = {
    "dog", "cat", "car", "boat", "tree", "child", "ball", "guitar", "kite", "horse", "train", "bird"
  };

  /** 48 videos, each named by two words; its query repeats one of them with filler. */
  static List<TrainingPair> pairs() {
    List<TrainingPair> out = new ArrayList<>();
    for (int v = 0; v < 48; v++) {
      String a = WORDS[v % WORDS.length];
      String b = WORDS[(v / WORDS.length + v + 1) % WORDS.length];
      out.add(
          new TrainingPair(v, "the " + a + " and the " + b, "a " + a + " near a " + b + " " + v));
    }
    return out;
  }

  static TwoTowerSearchModel.Params params(int epochs) {
    return new TwoTowerSearchModel.Params(256, false, 8, 16, 16, 0.1, epochs, 16, 1e-2, 5);
  }

  @Test
  void theInBatchLossFallsAndTheTargetsShareMassWithinAVideo() {
    TwoTowerSearchModel m = TwoTowerSearchModel.train(pairs(), params(4), line -> {});
    double[] loss = m.epochLoss();
    assertEquals(4, loss.length);
    assertTrue(loss[3] < loss[0], "loss did not fall: " + java.util.Arrays.toString(loss));
    float[] labels = new float[9];
    TwoTowerSearchModel.targets(new int[] {7, 7, 9}, new int[] {0, 1, 2}, labels);
    assertArrayEquals(new float[] {0.5f, 0.5f, 0, 0.5f, 0.5f, 0, 0, 0, 1}, labels, 1e-6f);
  }

  @Test
  void theExportedTowersMatchSameDiffsOwnForwardPass() {
    TwoTowerSearchModel m = TwoTowerSearchModel.train(pairs(), params(2), line -> {});
    var hasher = m.params().hasher();
    int rows = 5;
    for (boolean video : new boolean[] {false, true}) {
      int width = video ? m.params().videoIds() : m.params().queryIds();
      int[] ids = new int[rows * width];
      for (int r = 0; r < rows; r++) {
        hasher.encode(pairs().get(r).videoText(), ids, r * width, width);
      }
      float[] twin = m.encodeWithSameDiff(video, ids, rows);
      InferenceGraph g = video ? m.videoEncoder() : m.textEncoder();
      float[] ours = new float[rows * m.params().dimension()];
      g.score(null, ids, rows, ours, g.newScratch(rows));
      assertArrayEquals(twin, ours, 1e-5f);
    }
  }
}
