package dev.mlsd.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.inference.InferenceGraphFile;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.toy.LinearRanker;
import dev.mlsd.core.toy.ToyServer;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted files, most with a valid checksum (a CRC proves integrity, not origin), each asking for
 * something it should not get: a huge dimension, a huge count, a conv layer padded to 20,000. Every
 * one is refused with {@link CorruptArtifactException}, and refusing it allocates at most a few MiB
 * on the reading thread (measured with the JVM's per-thread allocation counter).
 */
class CraftedArtifactCorpusTest {
  /** The most a refusal may allocate on the heap. */
  static final long MAX_BYTES_PER_REFUSAL = 8L << 20;

  @TempDir Path dir;

  interface Loader {
    void load(Path file) throws Exception;
  }

  record Case(String name, Path file, Loader loader) {}

  static ByteBuffer le(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** An hnsw-index payload with the given fixed fields and {@code rest} zero bytes after them. */
  static ByteBuffer hnsw(
      int dim, int m, int size, int entry, int maxLevel, int upperInts, int restBytes) {
    ByteBuffer b = le(40 + restBytes);
    b.putInt(dim).putInt(0).putInt(m).putInt(100).putLong(42);
    b.putInt(size).putInt(entry).putInt(maxLevel).putInt(upperInts);
    return b.position(0);
  }

  /** Raw container bytes with a correct CRC32C over whatever the fields claim. */
  static byte[] rawContainer(int kindLength, byte[] kind, int headerLength, long payloadLength) {
    ByteBuffer b = le(4 + 4 + 4 + kind.length + 4 + 4 + 8 + 8);
    b.put(new byte[] {'M', 'L', 'S', 'D'}).putInt(1).putInt(kindLength).put(kind);
    b.putInt(1).putInt(headerLength).putLong(payloadLength);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, b.position());
    b.putLong(crc.getValue());
    return b.array();
  }

  String graphHeader(String graph) {
    return "{\"card\":"
        + ToyServer.card(1).toJson()
        + ",\"graph\":"
        + graph.replace('\'', '"')
        + "}";
  }

  Path graphFile(String name, String graph, int payloadFloats) throws Exception {
    Path f = dir.resolve(name + ".mlsd");
    ArtifactFile.write(
        f, InferenceGraphFile.KIND, 1, graphHeader(graph), le(4 * payloadFloats).position(0));
    return f;
  }

  Path hnswFile(String name, ByteBuffer payload) throws Exception {
    Path f = dir.resolve(name + ".mlsd");
    ArtifactFile.write(f, "hnsw-index", 1, "{}", payload);
    return f;
  }

  Path raw(String name, byte[] bytes) throws Exception {
    Path f = dir.resolve(name + ".mlsd");
    Files.write(f, bytes);
    return f;
  }

  List<Case> corpus() throws Exception {
    Loader hnsw = HnswIndex::load;
    Loader graph = InferenceGraphFile::read;
    Loader any = ArtifactFile::read;
    Loader toy = f -> ModelHolder.load(f, LinearRanker.KIND, 1, LinearRanker.DECODER);
    List<Case> c = new ArrayList<>();
    byte[] kind = "hnsw-index".getBytes(StandardCharsets.UTF_8);

    // the container itself
    c.add(
        new Case("kind length 2 GiB", raw("k", rawContainer(Integer.MAX_VALUE, kind, 2, 0)), any));
    c.add(new Case("negative kind length", raw("nk", rawContainer(-5, kind, 2, 0)), any));
    c.add(
        new Case(
            "header length 1 GiB", raw("h", rawContainer(kind.length, kind, 1 << 30, 0)), any));
    c.add(
        new Case(
            "payload length 2^62", raw("p", rawContainer(kind.length, kind, 0, 1L << 62)), any));
    c.add(
        new Case(
            "negative payload length", raw("np", rawContainer(kind.length, kind, 0, -8)), any));

    // hnsw-index: size 0 and a huge dimension (about 80 bytes, valid CRC: asked for gigabytes)
    c.add(
        new Case("hnsw size 0, dim 2^30", hnswFile("d", hnsw(1 << 30, 16, 0, -1, -1, 0, 8)), hnsw));
    c.add(
        new Case("hnsw size 1, dim 2^26", hnswFile("d1", hnsw(1 << 26, 16, 1, 0, 0, 0, 16)), hnsw));
    c.add(
        new Case(
            "hnsw size 2^28 in a tiny file",
            hnswFile("s", hnsw(4, 16, 1 << 28, 0, 0, 0, 64)),
            hnsw));
    c.add(new Case("hnsw negative size", hnswFile("ns", hnsw(4, 16, -3, 0, 0, 0, 64)), hnsw));
    c.add(
        new Case("hnsw upper links 2^30", hnswFile("u", hnsw(4, 16, 0, -1, -1, 1 << 30, 8)), hnsw));
    c.add(new Case("hnsw m 100000", hnswFile("m", hnsw(4, 100_000, 0, -1, -1, 0, 8)), hnsw));
    c.add(new Case("hnsw entry 7 of 0", hnswFile("e", hnsw(4, 16, 0, 7, -1, 0, 8)), hnsw));
    c.add(new Case("hnsw maxLevel 1000", hnswFile("l", hnsw(4, 16, 0, -1, 1000, 0, 8)), hnsw));

    // inference-graph: shapes that load and then fail, or ask for too much
    String conv =
        "{'inputWidth':48,'idWidth':0,'layers':[{'type':'conv2d','input':0,'h':4,'w':4,'cin':3,"
            + "'cout':2,'kh':3,'kw':3,'stride':1,'pad':20000,'activation':'RELU','alpha':0.01}]}";
    c.add(new Case("conv2d pad 20000", graphFile("conv", conv, 3 * 3 * 3 * 2 + 2), graph));
    String bigConv =
        "{'inputWidth':3,'idWidth':0,'layers':[{'type':'conv2d','input':0,'h':1,'w':1,'cin':3,"
            + "'cout':1000000,'kh':1,'kw':1,'stride':1,'pad':0,'activation':'RELU','alpha':0.01}]}";
    c.add(new Case("conv2d 10^6 channels", graphFile("bigconv", bigConv, 16), graph));
    String dense =
        "{'inputWidth':1048576,'idWidth':0,'layers':[{'type':'dense','input':0,'in':1048576,"
            + "'out':1048576,'activation':'RELU','alpha':0.0}]}";
    c.add(new Case("dense 2^20 x 2^20 in a tiny payload", graphFile("dense", dense, 16), graph));
    String wide =
        "{'inputWidth':1073741824,'idWidth':0,'layers':[{'type':'activation','input':0,"
            + "'activation':'RELU','alpha':0.0}]}";
    c.add(new Case("input width 2^30", graphFile("wide", wide, 0), graph));
    StringBuilder many =
        new StringBuilder("{'inputWidth':4096,'idWidth':0,'layers':[{'type':'concat','from':[");
    for (int i = 0; i < 20_000; i++) {
      many.append(i == 0 ? "0" : ",0");
    }
    many.append("]}]}");
    c.add(new Case("concat of 20000 copies", graphFile("concat", many.toString(), 0), graph));
    String vocab =
        "{'inputWidth':0,'idWidth':1,'layers':[{'type':'embedding','idColumn':0,'bagSize':1,"
            + "'vocab':-4,'dim':8,'pooling':'SUM'}]}";
    c.add(new Case("negative vocabulary", graphFile("vocab", vocab, 0), graph));
    String deep =
        "{'inputWidth':1,'idWidth':0,'layers':" + "[".repeat(5000) + "]".repeat(5000) + "}";
    c.add(new Case("header nested 5000 deep", graphFile("deep", deep, 0), graph));

    // a model whose payload does not match its kind
    Path shortModel = dir.resolve("toy.mlsd");
    ModelHolder.save(shortModel, LinearRanker.KIND, 1, ToyServer.card(1), le(12).position(0));
    c.add(new Case("toy model with 3 weights", shortModel, toy));
    return c;
  }

  @Test
  void everyCraftedFileIsRefusedWithoutAllocatingMuch() throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long me = Thread.currentThread().threadId();
    List<String> wrong = new ArrayList<>();
    for (Case c : corpus()) {
      long before = threads.getThreadAllocatedBytes(me);
      Throwable thrown = null;
      try {
        c.loader().load(c.file());
      } catch (Throwable t) {
        thrown = t;
      }
      long allocated = threads.getThreadAllocatedBytes(me) - before;
      if (!(thrown instanceof CorruptArtifactException)) {
        wrong.add(c.name() + ": " + (thrown == null ? "loaded" : thrown.toString()));
      } else if (allocated > MAX_BYTES_PER_REFUSAL) {
        wrong.add(c.name() + ": allocated " + allocated + " bytes while refusing");
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }
}
