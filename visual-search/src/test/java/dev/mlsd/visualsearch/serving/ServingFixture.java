package dev.mlsd.visualsearch.serving;

import dev.mlsd.core.ann.HnswBuildParams;
import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.Similarity;
import dev.mlsd.visualsearch.data.ImageSet;
import dev.mlsd.visualsearch.features.Augmenter;
import dev.mlsd.visualsearch.features.Preprocessor;
import dev.mlsd.visualsearch.model.CnnEncoder;
import dev.mlsd.visualsearch.model.Encoder;
import dev.mlsd.visualsearch.model.EncoderConfig;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small served system for tests: 120 generated 28x28 greyscale images (a bright rectangle each,
 * seeded), a random-weight CNN encoder on core's inference path, an HNSW index, both pipelines.
 */
final class ServingFixture {
  static final int SIDE = 28;
  static final int COUNT = 120;

  final ImageSet images;
  final Preprocessor pre;
  final Encoder encoder;
  final VisualSearchService service;
  final IndexingPipeline indexing;

  ServingFixture(float duplicateThreshold) {
    images = generate(COUNT, 3);
    pre = Preprocessor.fit(images);
    EncoderConfig c =
        new EncoderConfig(SIDE, SIDE, 1, 8, 8, 16, 32, 16, 0.2, 16, 1e-3, 1, 1, Augmenter.DEFAULT);
    encoder = new Encoder("random CNN", CnnEncoder.export(CnnEncoder.network(c, 7), c));
    ServingParams params =
        new ServingParams(
            new HnswBuildParams(8, 50, 1), new SearchParams(40), 50, 3, duplicateThreshold);
    HnswIndex index = new HnswIndex(encoder.dimension(), Similarity.COSINE, params.build());
    Gallery gallery = new Gallery(SIDE, SIDE, 1, encoder.dimension(), COUNT);
    indexing = new IndexingPipeline(pre, encoder, index, gallery);
    for (int i = 0; i < COUNT; i++) {
      indexing.add(pixels(i));
    }
    service = new VisualSearchService("random CNN v0", pre, encoder, index, gallery, params);
  }

  byte[] pixels(int i) {
    return java.util.Arrays.copyOfRange(images.pixels(), i * SIDE * SIDE, (i + 1) * SIDE * SIDE);
  }

  /** Images with one bright rectangle each on a dark, slightly noisy background. */
  static ImageSet generate(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] px = new byte[n * SIDE * SIDE];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int w = 4 + r.nextInt(18);
      int h = 4 + r.nextInt(18);
      int x0 = r.nextInt(SIDE - w);
      int y0 = r.nextInt(SIDE - h);
      int level = 120 + r.nextInt(136);
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          boolean in = x >= x0 && x < x0 + w && y >= y0 && y < y0 + h;
          px[i * SIDE * SIDE + y * SIDE + x] = (byte) (in ? level : r.nextInt(30));
        }
      }
      labels[i] = w > h ? 0 : 1;
    }
    return new ImageSet("generated", n, SIDE, SIDE, 1, px, labels, List.of("wide", "tall"));
  }

  /** PNG bytes of an image held as channels-last bytes. */
  static byte[] png(byte[] px, int h, int w) {
    return VisualSearchServer.png(px, h, w, 1);
  }
}
