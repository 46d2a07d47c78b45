package dev.mlsd.core.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlsd.core.io.Artifact;
import dev.mlsd.core.io.ArtifactFile;
import dev.mlsd.core.io.CorruptArtifactException;
import dev.mlsd.core.io.ModelCard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves and loads an {@link InferenceGraph} with its {@link ModelCard} as an {@link ArtifactFile}
 * of kind {@value #KIND}, layout version {@value #VERSION}. Loading needs no DL4J.
 *
 * <p>The JSON header is {@code {"card": <model card>, "graph": {"inputWidth", "idWidth", "layers":
 * [...]}}}, one object per layer in run order with its {@code type} ({@code dense}, {@code
 * embedding}, {@code concat}, {@code add}, {@code cross}, {@code cross-v2}, {@code
 * fm-second-order}, {@code dot}, {@code activation}, {@code conv2d}, {@code max-pool2d}, {@code
 * global-avg-pool}), the nodes it reads and its shape. The payload is every layer's float arrays in
 * run order, little-endian float32: dense and cross-v2 {@code w} ({@code [nIn, nOut]} row-major)
 * then {@code b}; cross {@code w} then {@code b}; conv2d its kernel ({@code [kh * kw * cin, cout]})
 * then {@code b}; embedding its table ({@code [vocab, dim]} row-major); the other layers have none.
 * Every shape is checked again on load, and every length against the payload and the graph's limits
 * ({@link InferenceGraph#MAX_WIDTH}) before it is allocated.
 *
 * <p>Thread safety: stateless.
 */
public final class InferenceGraphFile {
  /** The artifact kind. */
  public static final String KIND = "inference-graph";

  /** The payload layout version written and the newest one read. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private InferenceGraphFile() {}

  /** A loaded model: the graph ready to score, and the card it was saved with. */
  public record Loaded(InferenceGraph graph, ModelCard card) {}

  /**
   * Writes the graph and its card atomically.
   *
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, InferenceGraph graph, ModelCard card) throws IOException {
    if (card == null) {
      throw new IllegalArgumentException("every saved model carries a model card");
    }
    ObjectNode root = JSON.createObjectNode();
    root.set("card", JSON.readTree(card.toJson()));
    ObjectNode g = root.putObject("graph");
    g.put("inputWidth", graph.inputWidth());
    g.put("idWidth", graph.idWidth());
    ArrayNode specs = g.putArray("layers");
    List<float[]> arrays = new ArrayList<>();
    for (Layer l : graph.layers()) {
      ObjectNode o = specs.addObject();
      switch (l) {
        case Dense d -> {
          o.put("type", "dense").put("input", d.input()).put("in", d.in()).put("out", d.out());
          o.put("activation", d.activation().name()).put("alpha", d.alpha());
          arrays.add(d.w());
          arrays.add(d.b());
        }
        case EmbeddingBag e -> {
          o.put("type", "embedding").put("idColumn", e.idColumn()).put("bagSize", e.bagSize());
          o.put("vocab", e.vocab()).put("dim", e.dim()).put("pooling", e.pooling().name());
          arrays.add(e.table());
        }
        case Concat c -> putInts(o.put("type", "concat").putArray("from"), c.from());
        case Add a -> putInts(o.put("type", "add").putArray("from"), a.from());
        case Cross c -> {
          o.put("type", "cross").put("x0", c.x0()).put("xl", c.xl()).put("d", c.d());
          arrays.add(c.w());
          arrays.add(c.b());
        }
        case CrossV2 c -> {
          o.put("type", "cross-v2").put("x0", c.x0()).put("xl", c.xl()).put("d", c.d());
          arrays.add(c.w());
          arrays.add(c.b());
        }
        case FmSecondOrder f ->
            o.put("type", "fm-second-order")
                .put("input", f.input())
                .put("fields", f.fields())
                .put("layout", f.ncw() ? "CONCAT_NCW" : "CONCAT");
        case DotHead d -> o.put("type", "dot").put("a", d.a()).put("b", d.b());
        case Conv2d c -> {
          o.put("type", "conv2d").put("input", c.input()).put("h", c.h()).put("w", c.w());
          o.put("cin", c.cin()).put("cout", c.cout()).put("kh", c.kh()).put("kw", c.kw());
          o.put("stride", c.stride()).put("pad", c.pad());
          o.put("activation", c.activation().name()).put("alpha", Activation.DEFAULT_LEAKY_ALPHA);
          arrays.add(c.kernel());
          arrays.add(c.b());
        }
        case Pool2d p -> {
          o.put("type", p.global() ? "global-avg-pool" : "max-pool2d").put("input", p.input());
          o.put("h", p.h()).put("w", p.w()).put("c", p.c());
          o.put("size", p.size()).put("stride", p.stride());
        }
        case ActivationHead h -> {
          o.put("type", "activation").put("input", h.input());
          o.put("activation", h.activation().name()).put("alpha", h.alpha());
        }
      }
    }
    long floats = 0;
    for (float[] a : arrays) {
      floats += a.length;
    }
    ByteBuffer payload =
        ByteBuffer.allocate(Math.toIntExact(floats * Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
    FloatBuffer fb = payload.asFloatBuffer();
    for (float[] a : arrays) {
      fb.put(a);
    }
    ArtifactFile.write(file, KIND, VERSION, JSON.writeValueAsString(root), payload);
  }

  /**
   * Reads, verifies and rebuilds a saved graph, computing with {@link Kernels#best()}.
   *
   * @throws CorruptArtifactException if the file is corrupt, of another kind, or its layers do not
   *     fit together
   * @throws IOException if the file cannot be read
   */
  public static Loaded read(Path file) throws IOException {
    Artifact a = ArtifactFile.read(file, KIND, VERSION);
    try {
      JsonNode root = JSON.readTree(a.header());
      ModelCard card = ModelCard.fromJson(JSON.writeValueAsString(root.get("card")));
      JsonNode g = root.get("graph");
      FloatBuffer fb = a.payload().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
      InferenceGraph.Builder b =
          InferenceGraph.builder(g.get("inputWidth").asInt(), g.get("idWidth").asInt());
      for (JsonNode o : g.get("layers")) {
        String type = o.get("type").asText();
        switch (type) {
          case "dense" -> {
            int in = o.get("in").asInt();
            int out = o.get("out").asInt();
            float[] w = take(fb, (long) in * out);
            float[] bias = take(fb, out);
            int from = o.get("input").asInt();
            if (b.width(from) != in) {
              throw new IllegalArgumentException("dense nIn " + in + " != input width");
            }
            b.dense(from, w, bias, activation(o), (float) o.get("alpha").asDouble());
          }
          case "embedding" -> {
            int dim = o.get("dim").asInt();
            float[] table = take(fb, (long) o.get("vocab").asInt() * dim);
            b.embedding(
                o.get("idColumn").asInt(),
                o.get("bagSize").asInt(),
                table,
                dim,
                Pooling.valueOf(o.get("pooling").asText()));
          }
          case "concat" -> b.concat(ints(o.get("from")));
          case "add" -> b.add(ints(o.get("from")));
          case "cross", "cross-v2" -> {
            int d = o.get("d").asInt();
            boolean v2 = type.equals("cross-v2");
            float[] w = take(fb, v2 ? (long) d * d : d);
            float[] bias = take(fb, d);
            int x0 = o.get("x0").asInt();
            int xl = o.get("xl").asInt();
            if (b.width(x0) != d) {
              throw new IllegalArgumentException(type + " width " + d + " != input width");
            }
            if (v2) {
              b.crossV2(x0, xl, w, bias);
            } else {
              b.cross(x0, xl, w, bias);
            }
          }
          case "fm-second-order" ->
              b.fmSecondOrder(
                  o.get("input").asInt(),
                  o.get("fields").asInt(),
                  Pooling.valueOf(o.path("layout").asText("CONCAT")));
          case "dot" -> b.dot(o.get("a").asInt(), o.get("b").asInt());
          case "activation" -> b.activation(o.get("input").asInt(), activation(o));
          case "conv2d" -> {
            int cin = o.get("cin").asInt();
            int cout = o.get("cout").asInt();
            int kh = o.get("kh").asInt();
            int kw = o.get("kw").asInt();
            float[] kernel = take(fb, (long) kh * kw * cin * cout);
            float[] bias = take(fb, cout);
            b.conv2d(
                o.get("input").asInt(),
                o.get("h").asInt(),
                o.get("w").asInt(),
                cin,
                kh,
                kw,
                o.get("stride").asInt(),
                o.get("pad").asInt(),
                kernel,
                bias,
                activation(o));
          }
          case "max-pool2d" ->
              b.maxPool2d(
                  o.get("input").asInt(),
                  o.get("h").asInt(),
                  o.get("w").asInt(),
                  o.get("c").asInt(),
                  o.get("size").asInt(),
                  o.get("stride").asInt());
          case "global-avg-pool" ->
              b.globalAvgPool(
                  o.get("input").asInt(),
                  o.get("h").asInt(),
                  o.get("w").asInt(),
                  o.get("c").asInt());
          default -> throw new IllegalArgumentException("unknown layer type '" + type + "'");
        }
      }
      if (fb.hasRemaining()) {
        throw new IllegalArgumentException(fb.remaining() + " payload floats left unread");
      }
      return new Loaded(b.build(), card);
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new CorruptArtifactException(file, "not a valid inference graph: " + e.getMessage());
    }
  }

  private static Activation activation(JsonNode o) {
    return Activation.valueOf(o.get("activation").asText());
  }

  private static float[] take(FloatBuffer fb, long n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative array length " + n);
    }
    if (n > fb.remaining()) {
      throw new IllegalArgumentException("payload ends early: need " + n + " more floats");
    }
    float[] a = new float[(int) n];
    fb.get(a);
    return a;
  }

  private static void putInts(ArrayNode arr, int[] values) {
    for (int v : values) {
      arr.add(v);
    }
  }

  private static int[] ints(JsonNode arr) {
    int[] r = new int[arr.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = arr.get(i).asInt();
    }
    return r;
  }
}
