package dev.mlsd.videosearch.serving;

import dev.mlsd.core.ann.HnswBuildParams;
import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.Similarity;
import dev.mlsd.core.inference.Activation;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.core.inference.Pooling;
import dev.mlsd.videosearch.features.TokenHasher;
import dev.mlsd.videosearch.model.TextSearchIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A small search stack for tests, no training: both towers are one seeded random token table
 * (mean-pooled, identity projection), i.e. a random projection of the bag of words, so a video that
 * shares words with a query is near it. Built through the real indexing pipeline.
 */
final class TinyStack implements AutoCloseable {
  static final int DIM = 32;
  static final TokenHasher HASHER = new TokenHasher(512, false);

  final VideoIndexer indexer;
  final QueryEncoder queryEncoder;
  final SearchPipelines pipelines;

  TinyStack(Path luceneDir) throws IOException {
    InferenceGraph tower = tower(16);
    InferenceGraph videoTower = tower(64);
    queryEncoder = new QueryEncoder(tower, HASHER);
    TextSearchIndex text =
        luceneDir == null ? TextSearchIndex.inMemory(true) : TextSearchIndex.open(luceneDir, true);
    indexer =
        new VideoIndexer(
            new CatalogueTextVideoEncoder(videoTower, HASHER),
            text,
            new HnswIndex(DIM, Similarity.COSINE, HnswBuildParams.DEFAULT),
            new VideoCatalogue(DIM));
    pipelines = pipelines(indexer, queryEncoder);
  }

  static SearchPipelines pipelines(VideoIndexer indexer, QueryEncoder encoder) {
    return new SearchPipelines(
        indexer.text(),
        encoder,
        indexer.ann(),
        indexer.catalogue(),
        20,
        new SearchParams(40),
        0.98f,
        2);
  }

  static InferenceGraph tower(int width) {
    SplittableRandom rnd = new SplittableRandom(3);
    float[] table = new float[HASHER.buckets() * DIM];
    for (int i = 0; i < table.length; i++) {
      table[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    float[] eye = new float[DIM * DIM];
    for (int i = 0; i < DIM; i++) {
      eye[i * DIM + i] = 1f;
    }
    InferenceGraph.Builder b = InferenceGraph.builder(0, width);
    int h = b.embedding(0, width, table, DIM, Pooling.MEAN);
    b.dense(h, eye, new float[DIM], Activation.IDENTITY);
    return b.build();
  }

  /** Ten videos by three uploaders. */
  void addCatalogue() throws IOException {
    String[][] videos = {
      {"u1@N0_1", "a dog runs on the beach"},
      {"u1@N0_2", "a dog swims in the lake"},
      {"u1@N0_3", "a dog sleeps on the sofa"},
      {"u2@N0_4", "a red car drives down the street"},
      {"u2@N0_5", "a cat plays with a ball of wool"},
      {"u3@N0_6", "fireworks over the harbour at night"},
      {"u3@N0_7", "a child blows out birthday candles"},
      {"u3@N0_8", "a man plays the guitar on stage"},
      {"u2@N0_9", "waves crash on the rocks"},
      {"u1@N0_10", "a dog catches a frisbee in the park"},
    };
    for (String[] v : videos) {
      indexer.add(v[0], v[0].substring(0, v[0].indexOf('_')), v[1], true);
    }
  }

  @Override
  public void close() throws IOException {
    indexer.text().close();
  }
}
