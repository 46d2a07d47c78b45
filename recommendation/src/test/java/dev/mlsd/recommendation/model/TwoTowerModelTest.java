package dev.mlsd.recommendation.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.io.ArtifactFile;
import dev.mlsd.core.io.CorruptArtifactException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served towers against the training-time forward pass, and the checkpoint file. */
class TwoTowerModelTest {
  @TempDir Path dir;

  private static TwoTowerModel trained() {
    return TwoTowerTrainer.train(
            TinyTowers.examples(100, 4),
            TinyTowers.videoTable(2),
            TinyTowers.VIDEO_WIDTH,
            TinyTowers.params(3, 16, 5),
            m -> 0,
            null,
            TrainingProgress.silent())
        .model();
  }

  @Test
  void exportedUserTowerAndVideoEmbeddingsMatchTheTrainingForwardPass() {
    TwoTowerModel model = trained();
    float[] videos = TinyTowers.videoTable(2);
    int b = 6;
    TwoTowerBackprop pass = new TwoTowerBackprop(model, videos, b);
    SplittableRandom r = new SplittableRandom(8);
    for (int i = 0; i < b * model.userWidth(); i++) {
      pass.userX[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < b; i++) {
      pass.items[i] = i;
    }
    pass.forward(b);
    InferenceGraph user = model.exportUserTower();
    float[] u = new float[b * model.dimension()];
    user.score(pass.userX, b, u, user.newScratch(b));
    float[] v = model.itemEmbeddings(videos);
    for (int i = 0; i < u.length; i++) {
      assertEquals(pass.u[i], u[i], 1e-5f, "user " + i);
      assertEquals(pass.v[i], v[i], 1e-5f, "video " + i);
    }
  }

  @Test
  void checkpointRoundTripsEveryWeight() throws Exception {
    TwoTowerModel model = trained();
    Path file = dir.resolve("t.mlsd");
    model.save(file, "a \"quoted\" note");
    TwoTowerModel back = TwoTowerModel.load(file);
    assertEquals(model.userWidth(), back.userWidth());
    assertEquals(model.videoWidth(), back.videoWidth());
    assertEquals(model.items(), back.items());
    assertEquals(model.hidden(), back.hidden());
    assertEquals(model.dimension(), back.dimension());
    assertEquals(model.idDimension(), back.idDimension());
    for (int k = 0; k < model.weights().length; k++) {
      assertArrayEquals(model.weights()[k], back.weights()[k], "block " + k);
    }
  }

  @Test
  void refusesACorruptOrForeignOrMisshapenFile() throws Exception {
    TwoTowerModel model = trained();
    Path file = dir.resolve("t.mlsd");
    model.save(file, "");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Path corrupt = dir.resolve("corrupt.mlsd");
    Files.write(corrupt, bytes);
    assertThrows(CorruptArtifactException.class, () -> TwoTowerModel.load(corrupt));

    Path foreign = dir.resolve("foreign.mlsd");
    ArtifactFile.write(foreign, "dense-model", 1, "{}", ByteBuffer.allocate(8));
    assertThrows(CorruptArtifactException.class, () -> TwoTowerModel.load(foreign));

    Path short_ = dir.resolve("short.mlsd");
    ByteBuffer shape = ByteBuffer.allocate(6 * 4 + 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    shape.putInt(5).putInt(4).putInt(6).putInt(4).putInt(3).putInt(2).putLong(0).flip();
    ArtifactFile.write(short_, TwoTowerModel.KIND, 1, "{}", shape);
    assertThrows(CorruptArtifactException.class, () -> TwoTowerModel.load(short_));
  }

  @Test
  void refusesAVideoTableOfTheWrongShape() {
    TwoTowerModel model = trained();
    assertThrows(IllegalArgumentException.class, () -> model.itemEmbeddings(new float[7]));
  }
}
