package dev.mlsd.core.toy;

import dev.mlsd.core.io.Artifact;
import dev.mlsd.core.serving.Candidates;
import dev.mlsd.core.serving.ModelDecoder;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.Ranker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Toy ranking model: logistic regression over the item features, {@code p = sigmoid(w . x + b)},
 * weights from a {@link ModelHolder} read once per request so a swap never splits a request.
 *
 * <p>Model file kind {@value #KIND}, layout version 1: {@code DIM + 1} little-endian floats, the
 * bias last.
 *
 * <p>Thread safety: stateless apart from the holder; safe from many threads.
 */
public final class LinearRanker implements Ranker<ToyRequest> {
  /** The model-file kind. */
  public static final String KIND = "toy-linear";

  /** Reads a model file's weights, checking their number. */
  public static final ModelDecoder<float[]> DECODER =
      (Artifact a) -> {
        ByteBuffer p = a.payload();
        if (p.remaining() != 4 * (ToyCatalog.DIM + 1)) {
          throw new IOException(
              "toy-linear payload must hold "
                  + (ToyCatalog.DIM + 1)
                  + " floats, has "
                  + p.remaining()
                  + " bytes");
        }
        float[] w = new float[ToyCatalog.DIM + 1];
        p.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(w);
        return w;
      };

  private final ModelHolder<float[]> model;

  /**
   * @param model the served weights, {@code DIM + 1} floats
   */
  public LinearRanker(ModelHolder<float[]> model) {
    this.model = model;
  }

  /** The payload of a model file holding {@code weights}. */
  public static ByteBuffer payload(float[] weights) {
    ByteBuffer b = ByteBuffer.allocate(4 * weights.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float w : weights) {
      b.putFloat(w);
    }
    return b.flip();
  }

  @Override
  public void rank(ToyRequest q, Candidates c) {
    ModelHolder.Served<float[]> served = model.served();
    c.scoredBy(served);
    float[] w = served.model();
    float[] f = c.features();
    int dim = c.featureDim();
    float bias = w[ToyCatalog.DIM];
    for (int pos = 0; pos < c.size(); pos++) {
      int o = c.featureOffset(pos);
      float z = bias;
      for (int j = 0; j < dim; j++) {
        z += w[j] * f[o + j];
      }
      c.setScore(pos, (float) (1.0 / (1.0 + Math.exp(-z))));
    }
  }
}
