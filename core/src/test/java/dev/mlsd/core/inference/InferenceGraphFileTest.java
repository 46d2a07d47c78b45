package dev.mlsd.core.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlsd.core.io.ArtifactFile;
import dev.mlsd.core.io.CorruptArtifactException;
import dev.mlsd.core.io.ModelCard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceGraphFileTest {
  @TempDir Path dir;

  static ModelCard card() {
    return new ModelCard(
        "DCN", "test-1", "synthetic", null, "none", 7, Map.of("layers", "2"), Map.of(), 0, "dev");
  }

  /** A graph with one of every layer type. */
  static InferenceGraph everyLayer() {
    InferenceGraph.Builder b = InferenceGraph.builder(4, 3);
    int emb = b.embedding(0, 2, InferenceGraphTest.random(1, 5 * 2), 2, Pooling.CONCAT);
    int bag = b.embedding(2, 1, InferenceGraphTest.random(2, 3 * 4), 4, Pooling.MEAN);
    int x0 = b.concat(b.input(), emb);
    int c1 = b.cross(x0, x0, InferenceGraphTest.random(3, 8), InferenceGraphTest.random(4, 8));
    int c2 = b.crossV2(x0, c1, InferenceGraphTest.random(5, 64), InferenceGraphTest.random(6, 8));
    int h =
        b.dense(
            c2,
            InferenceGraphTest.random(7, 32),
            InferenceGraphTest.random(8, 4),
            Activation.LEAKY_RELU,
            0.2f);
    int ncw = b.embedding(0, 2, InferenceGraphTest.random(11, 5 * 3), 3, Pooling.CONCAT_NCW);
    int fm = b.add(b.fmSecondOrder(emb, 2), b.fmSecondOrder(ncw, 2, Pooling.CONCAT_NCW));
    int dot = b.dot(h, bag);
    int sum = b.add(fm, dot);
    b.activation(sum, Activation.SIGMOID);
    return b.build();
  }

  @Test
  void roundTripGivesIdenticalScoresAndTheCard() throws IOException {
    InferenceGraph g = everyLayer();
    Path f = dir.resolve("m.mlsd");
    InferenceGraphFile.write(f, g, card());
    InferenceGraphFile.Loaded loaded = InferenceGraphFile.read(f);
    assertEquals(card(), loaded.card());
    float[] x = InferenceGraphTest.random(9, 6 * 4);
    int[] ids = {0, 4, 2, 1, 1, -1, 3, 0, 0, 2, 2, 1, 4, 4, 2, 0, 3, 1};
    float[] a = new float[6];
    float[] b = new float[6];
    g.score(x, ids, 6, a, g.newScratch(6));
    InferenceGraph h = loaded.graph();
    h.score(x, ids, 6, b, h.newScratch(6));
    assertArrayEquals(a, b, 0f);
    assertEquals(g.describe(), h.describe());
  }

  @Test
  void cnnRoundTripGivesIdenticalScores() throws IOException {
    InferenceGraph.Builder b = InferenceGraph.builder(6 * 6 * 2, 0);
    int c =
        b.conv2d(
            b.input(),
            6,
            6,
            2,
            3,
            3,
            1,
            1,
            InferenceGraphTest.random(1, 3 * 3 * 2 * 4),
            InferenceGraphTest.random(2, 4),
            Activation.RELU);
    int p = b.maxPool2d(c, 6, 6, 4, 2, 2);
    b.globalAvgPool(p, 3, 3, 4);
    InferenceGraph g = b.build();
    Path f = dir.resolve("cnn.mlsd");
    InferenceGraphFile.write(f, g, card());
    InferenceGraph h = InferenceGraphFile.read(f).graph();
    float[] x = InferenceGraphTest.random(3, 3 * 72);
    float[] a = new float[3 * 4];
    float[] bOut = new float[3 * 4];
    g.score(x, 3, a, g.newScratch(2));
    h.score(x, 3, bOut, h.newScratch(3));
    assertArrayEquals(a, bOut, 0f);
    assertEquals(g.describe(), h.describe());
  }

  @Test
  void corruptOrForeignFilesAreRefused() throws IOException {
    Path f = dir.resolve("m.mlsd");
    InferenceGraphFile.write(f, everyLayer(), card());
    byte[] bytes = Files.readAllBytes(f);
    bytes[bytes.length - 20] ^= 1;
    Path bad = dir.resolve("bad.mlsd");
    Files.write(bad, bytes);
    assertThrows(CorruptArtifactException.class, () -> InferenceGraphFile.read(bad));

    Path other = dir.resolve("other.mlsd");
    ArtifactFile.write(other, "hnsw-index", 1, "{}", ByteBuffer.allocate(4));
    assertThrows(CorruptArtifactException.class, () -> InferenceGraphFile.read(other));

    // a well-formed container whose layers do not fit together
    Path broken = dir.resolve("broken.mlsd");
    ArtifactFile.write(
        broken,
        InferenceGraphFile.KIND,
        1,
        "{\"card\":"
            + card().toJson()
            + ",\"graph\":{\"inputWidth\":2,\"idWidth\":0,\"layers\":[{\"type\":\"dense\","
            + "\"input\":0,\"in\":3,\"out\":1,\"activation\":\"RELU\",\"alpha\":0}]}}",
        ByteBuffer.allocate(16));
    assertThrows(CorruptArtifactException.class, () -> InferenceGraphFile.read(broken));
  }

  @Test
  void aModelWithoutACardIsNotWritten() {
    assertThrows(
        IllegalArgumentException.class,
        () -> InferenceGraphFile.write(dir.resolve("x.mlsd"), everyLayer(), null));
  }
}
