package dev.mlsd.core.serving;

import dev.mlsd.core.io.Artifact;
import dev.mlsd.core.io.ArtifactFile;
import dev.mlsd.core.io.CorruptArtifactException;
import dev.mlsd.core.io.ModelCard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The served model, swappable atomically while requests are in flight. A request reads {@link
 * #served()} (or {@link #current()}) once and uses that instance to the end, so it never mixes two
 * models; a swap publishes the new model to every request that starts afterwards. The old model is
 * left to the garbage collector once its last request finishes.
 *
 * <p>Model files are {@link ArtifactFile}s whose JSON header is the model's {@link ModelCard}: save
 * with {@link #save(Path, String, int, ModelCard, ByteBuffer)}, load with {@link #load(Path,
 * String, int, ModelDecoder)} or {@link #swapFrom(Path, String, int, ModelDecoder)}. A truncated,
 * corrupt, foreign or card-less file is refused with {@link CorruptArtifactException} and the
 * served model is left as it was.
 *
 * <p>Signed mode, for model files that travel between machines: {@link #loadSigned} loads only a
 * file signed with a shared key ({@link ArtifactFile#sign}), and a holder that {@link
 * #requireSignatures requires signatures} swaps in only signed files from then on; an unsigned
 * file, a file whose bytes changed after signing, or one signed with another key is refused with
 * {@link CorruptArtifactException} before its header is parsed.
 *
 * <p>Thread safety: every method from any thread; reads are one volatile load.
 *
 * <p>Book: chapter 1, "Deployment" (model versions, rollout); chapter 8, "Continual learning".
 *
 * @param <M> the model type; must be safe to use from many threads at once (normally immutable)
 */
public final class ModelHolder<M> {
  /**
   * A model with its identity, published together.
   *
   * @param model the model
   * @param card its model card
   * @param <M> the model type
   */
  public record Served<M>(M model, ModelCard card) {
    /** The card's model version. */
    public String version() {
      return card.modelVersion();
    }
  }

  private final AtomicReference<Served<M>> ref;
  private final AtomicLong swaps = new AtomicLong();
  private volatile byte[] signingKey;

  /**
   * @param model the first model to serve
   * @param card its model card
   */
  public ModelHolder(M model, ModelCard card) {
    this.ref = new AtomicReference<>(checked(model, card));
  }

  /**
   * Loads a model file and serves it.
   *
   * @throws CorruptArtifactException if the file is refused
   * @throws IOException if it cannot be read
   */
  public static <M> ModelHolder<M> load(
      Path file, String kind, int maxKindVersion, ModelDecoder<M> decoder) throws IOException {
    Served<M> s = read(file, kind, maxKindVersion, decoder, null);
    return new ModelHolder<>(s.model(), s.card());
  }

  /**
   * Loads a model file only if it is signed with {@code key} (see {@link ArtifactFile#sign}), and
   * serves it; the holder then {@link #requireSignatures requires signatures} of every file swapped
   * in.
   *
   * @param key the shared secret, at least 32 bytes
   * @throws CorruptArtifactException if the file is unsigned, tampered with, signed with another
   *     key, or otherwise refused
   * @throws IOException if it cannot be read
   */
  public static <M> ModelHolder<M> loadSigned(
      Path file, String kind, int maxKindVersion, ModelDecoder<M> decoder, byte[] key)
      throws IOException {
    Served<M> s = read(file, kind, maxKindVersion, decoder, checkedKey(key));
    ModelHolder<M> h = new ModelHolder<>(s.model(), s.card());
    h.requireSignatures(key);
    return h;
  }

  /**
   * From now on, {@link #swapFrom} swaps in only files signed with {@code key}; a file that is not
   * is refused and the served model is left as it was. A swap of an in-memory model ({@link #swap})
   * is the caller's own business and is not affected.
   *
   * @param key the shared secret, at least 32 bytes
   */
  public void requireSignatures(byte[] key) {
    signingKey = checkedKey(key).clone();
  }

  /** Whether {@link #swapFrom} requires signed files. */
  public boolean requiresSignatures() {
    return signingKey != null;
  }

  /**
   * Writes a model file: the card as the header, the payload as written by the model.
   *
   * @param file the destination (written atomically)
   * @param kind the model kind, e.g. {@code "logistic-regression"}
   * @param kindVersion the payload layout version
   * @param card the model card
   * @param payload the model's bytes, little-endian
   */
  public static void save(
      Path file, String kind, int kindVersion, ModelCard card, ByteBuffer payload)
      throws IOException {
    if (card == null) {
      throw new IllegalArgumentException("every saved model carries a model card");
    }
    ArtifactFile.write(file, kind, kindVersion, card.toJson(), payload);
  }

  /** The model to use for one whole request. */
  public M current() {
    return ref.get().model();
  }

  /** The model and its card, read together. */
  public Served<M> served() {
    return ref.get();
  }

  /** The served model's version. */
  public String version() {
    return ref.get().version();
  }

  /** How many swaps happened since construction. */
  public long swapCount() {
    return swaps.get();
  }

  /**
   * Serves a new model from now on.
   *
   * @return the model it replaced
   */
  public Served<M> swap(M model, ModelCard card) {
    Served<M> old = ref.getAndSet(checked(model, card));
    swaps.incrementAndGet();
    return old;
  }

  /**
   * Loads a model file and swaps it in; a refused file leaves the served model unchanged. If the
   * holder {@link #requireSignatures requires signatures}, the file must be signed with its key.
   *
   * @throws CorruptArtifactException if the file is refused (unsigned or badly signed included,
   *     when signatures are required)
   * @throws IOException if it cannot be read
   */
  public Served<M> swapFrom(Path file, String kind, int maxKindVersion, ModelDecoder<M> decoder)
      throws IOException {
    Served<M> s = read(file, kind, maxKindVersion, decoder, signingKey);
    return swap(s.model(), s.card());
  }

  /** Reads a model file; with a key, only if it is signed with it. */
  private static <M> Served<M> read(
      Path file, String kind, int maxKindVersion, ModelDecoder<M> decoder, byte[] key)
      throws IOException {
    Artifact a =
        key == null
            ? ArtifactFile.read(file, kind, maxKindVersion)
            : ArtifactFile.readSigned(file, kind, maxKindVersion, key);
    ModelCard card;
    try {
      card = ModelCard.fromJson(a.header());
    } catch (IllegalArgumentException e) {
      throw new CorruptArtifactException(file, "header is not a model card: " + e.getMessage());
    }
    if (card.model() == null || card.modelVersion() == null) {
      throw new CorruptArtifactException(file, "model card lacks the model name or version");
    }
    M model;
    try {
      model = decoder.decode(a);
    } catch (CorruptArtifactException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // the decoder reads an in-memory payload: whatever it refuses is a bad file
      throw new CorruptArtifactException(file, "payload refused by the decoder: " + e.getMessage());
    }
    if (model == null) {
      throw new CorruptArtifactException(file, "decoder returned no model");
    }
    return new Served<>(model, card);
  }

  private static byte[] checkedKey(byte[] key) {
    if (key == null || key.length < 32) {
      throw new IllegalArgumentException("a signing key has at least 32 bytes");
    }
    return key;
  }

  private static <M> Served<M> checked(M model, ModelCard card) {
    if (model == null || card == null) {
      throw new IllegalArgumentException("a served model needs the model and its card");
    }
    return new Served<>(model, card);
  }
}
