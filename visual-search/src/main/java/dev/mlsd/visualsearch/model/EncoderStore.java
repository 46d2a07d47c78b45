package dev.mlsd.visualsearch.model;

import dev.mlsd.core.io.Artifact;
import dev.mlsd.core.io.ArtifactFile;
import dev.mlsd.core.io.ModelCard;
import dev.mlsd.visualsearch.data.FashionMnist;
import dev.mlsd.visualsearch.data.GalleryQuerySplit;
import dev.mlsd.visualsearch.data.ImageSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trained encoder's cache on disk: one {@link ArtifactFile} (kind {@value #KIND}) per card key,
 * holding the model card as header and the DL4J network's parameters (little-endian float32, in
 * DL4J's flattened order) as payload. The key is a hash of what decides the weights: the data's
 * checksum, the {@link EncoderConfig} and the seed, so a changed config or other data trains anew
 * and an unchanged one is reused.
 *
 * <p>Keeping the DL4J parameters rather than only the exported graph lets a cached run print the
 * same DL4J parity as a fresh one.
 *
 * <p>Thread safety: stateless apart from the folder; writes are atomic ({@link ArtifactFile}).
 *
 * <p>Book: chapter 2, "Model development"; STYLE rule 9 (every model carries a card).
 */
public final class EncoderStore {
  /** The artifact kind. */
  public static final String KIND = "visual-search-encoder";

  /** The payload layout version. */
  public static final int VERSION = 1;

  /** The demo's default seed: part of its encoder's card key. */
  public static final long DEMO_SEED = 42;

  private final Path dir;

  /**
   * @param dir the folder holding cached encoders
   */
  public EncoderStore(Path dir) {
    this.dir = dir;
  }

  /**
   * The default folder: {@code $MLSD_CACHE_DIR/models/visual-search} or under {@code
   * ~/.cache/mlsd}.
   */
  public static Path defaultDir() {
    String cache = System.getenv("MLSD_CACHE_DIR");
    Path root =
        cache == null || cache.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cache", "mlsd")
            : Path.of(cache);
    return root.resolve("models").resolve("visual-search");
  }

  /**
   * The cache key of an encoder: 16 hex digits of a SHA-256 over data checksum, config and seed.
   */
  public static String key(String datasetSha256, EncoderConfig config, long seed) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(datasetSha256.getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, String> e : config.asMap().entrySet()) {
        md.update((e.getKey() + "=" + e.getValue() + ";").getBytes(StandardCharsets.UTF_8));
      }
      md.update(Long.toString(seed).getBytes(StandardCharsets.UTF_8));
      md.update(("layout " + VERSION).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * The card key of an encoder trained on a split's gallery, as the demo computes it: the data's
   * checksum, the split, whether it is the supervised-contrastive reference, config and seed.
   */
  public static String key(
      String datasetSha256,
      GalleryQuerySplit split,
      boolean supervised,
      EncoderConfig config,
      long seed) {
    return key(
        datasetSha256 + "|" + split.description() + (supervised ? "|supcon" : ""), config, seed);
  }

  /** The file of a key. */
  public Path file(String key) {
    return dir.resolve("encoder-" + key + ".mlsd");
  }

  /** A cached encoder: the network and its card. */
  public record Cached(MultiLayerNetwork network, ModelCard card, Path file) {}

  /**
   * Loads the encoder of a key, if cached.
   *
   * @return the network with its card, or null when there is no file
   * @throws IOException if the file exists but is corrupt or of another shape
   */
  public Cached load(String key, EncoderConfig config, long seed) throws IOException {
    Path f = file(key);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    Artifact a = ArtifactFile.read(f, KIND, VERSION);
    ModelCard card = ModelCard.fromJson(a.header());
    MultiLayerNetwork net = CnnEncoder.network(config, seed);
    long n = net.numParams();
    ByteBuffer p = a.payload().order(ByteOrder.LITTLE_ENDIAN);
    if (p.remaining() != n * Float.BYTES) {
      throw new IOException(
          f + ": holds " + p.remaining() / Float.BYTES + " parameters, the network has " + n);
    }
    float[] params = new float[(int) n];
    p.asFloatBuffer().get(params);
    net.setParams(Nd4j.create(params, new long[] {1, n}, 'c'));
    return new Cached(net, card, f);
  }

  /**
   * The demo's default encoder on Fashion-MNIST (self-supervised, {@link
   * EncoderConfig#DEFAULT_BUDGET_SECONDS}, seed {@value #DEMO_SEED}), looked up by its card key, so
   * that a caller never depends on which cached file is newest. For the load test and the JMH
   * benchmark, which serve without training.
   *
   * @param gallery the 60,000 training images
   * @param queries the 10,000 test images
   * @throws IOException if the encoder is cached but its file is corrupt or of another shape
   */
  public DemoEncoder demoEncoder(ImageSet gallery, ImageSet queries) throws IOException {
    EncoderConfig c =
        EncoderConfig.standard(
            gallery.height(),
            gallery.width(),
            gallery.channels(),
            EncoderConfig.DEFAULT_BUDGET_SECONDS);
    String k =
        key(
            FashionMnist.contentSha256(),
            GalleryQuerySplit.of(gallery, queries),
            false,
            c,
            DEMO_SEED);
    return new DemoEncoder(c, k, load(k, c, DEMO_SEED));
  }

  /**
   * The demo's default encoder, or its absence.
   *
   * @param config the demo's configuration
   * @param key its card key
   * @param cached the cached encoder, or null when not cached
   */
  public record DemoEncoder(EncoderConfig config, String key, Cached cached) {
    /**
     * The cached network, or the same CNN with seeded random weights when none is cached (a
     * request's cost does not depend on the weights).
     */
    public MultiLayerNetwork networkOrRandom() {
      return cached != null ? cached.network() : CnnEncoder.network(config, DEMO_SEED);
    }

    /** One line: the cached file, or that the weights are random. */
    public String describe() {
      return cached != null
          ? "the demo's, " + cached.file()
          : "random weights (no cached encoder-" + key + "; the cost is the same)";
    }
  }

  /** Saves a trained network under a key, with its card. */
  public Path save(String key, MultiLayerNetwork net, ModelCard card) throws IOException {
    float[] params = net.params().dup('c').data().asFloat();
    ByteBuffer payload =
        ByteBuffer.allocate(params.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    payload.asFloatBuffer().put(params);
    Path f = file(key);
    ArtifactFile.write(f, KIND, VERSION, card.toJson(), payload);
    return f;
  }
}
