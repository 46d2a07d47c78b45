package dev.mlsd.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every trained model carries: where it came from and how good it was, so that a served model
 * can always be traced back to its data, split, seed and code. Stored as the JSON header of the
 * model's {@link ArtifactFile} and printed by the demos.
 *
 * <p>Book: chapter 1 (model development and deployment); STYLE.md rule 9.
 *
 * @param model the model's name, e.g. {@code "DCN"}
 * @param modelVersion a version string for this trained instance
 * @param dataset the dataset's name, e.g. {@code "criteo-sample"}
 * @param datasetSha256 the SHA-256 of the training file(s), from the dataset descriptor
 * @param split how the data was split, e.g. {@code "time-ordered 80/10/10"}
 * @param seed the seed the training used
 * @param hyperParameters hyper-parameter name to value, in insertion order
 * @param metrics metric short name (e.g. {@code "auc"}) to value on the held-out split
 * @param trainingMillis wall-clock training time in milliseconds
 * @param codeVersion the project version (and git commit when known)
 */
public record ModelCard(
    String model,
    String modelVersion,
    String dataset,
    String datasetSha256,
    String split,
    long seed,
    Map<String, String> hyperParameters,
    Map<String, Double> metrics,
    long trainingMillis,
    String codeVersion) {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Copies the maps so that a card never changes after it is made. */
  public ModelCard {
    hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** This card as pretty-printed JSON, the form stored in artifact headers. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a model card is always serialisable", e);
    }
  }

  /**
   * Parses a card written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException if the text is not a model card
   */
  public static ModelCard fromJson(String json) {
    try {
      return JSON.readValue(json, ModelCard.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a model card: " + e.getOriginalMessage(), e);
    }
  }

  /** The project version this code was built as, from the jar manifest, or {@code "dev"}. */
  public static String currentCodeVersion() {
    String v = ModelCard.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** A human-readable multi-line rendering, for demos. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("Model card: ").append(model).append(" ").append(modelVersion).append('\n');
    sb.append("  dataset      ").append(dataset).append(" (sha256 ");
    sb.append(
        datasetSha256 == null
            ? "?"
            : datasetSha256.substring(0, Math.min(12, datasetSha256.length())));
    sb.append("…)\n");
    sb.append("  split        ").append(split).append('\n');
    sb.append("  seed         ").append(seed).append('\n');
    sb.append("  hyper-params ").append(hyperParameters).append('\n');
    sb.append("  metrics      ").append(metrics).append('\n');
    sb.append("  trained in   ").append(trainingMillis).append(" ms\n");
    sb.append("  code         ").append(codeVersion).append('\n');
    return sb.toString();
  }
}
