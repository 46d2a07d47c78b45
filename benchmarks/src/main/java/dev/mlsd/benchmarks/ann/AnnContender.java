package dev.mlsd.benchmarks.ann;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import dev.mlsd.core.ann.ExactIndex;
import dev.mlsd.core.ann.HnswBuildParams;
import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.ann.HnswSearcher;
import dev.mlsd.core.ann.IdBitSet;
import dev.mlsd.core.ann.SearchParams;
import dev.mlsd.core.ann.Similarity;
import dev.mlsd.core.ann.TopKCollector;
import dev.mlsd.core.ann.VectorIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntPredicate;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * One library under test, behind the smallest common surface: build over the base vectors with (m,
 * efConstruction), set ef, answer a top-k query into an int array. Every contender copies the base
 * vectors into its own storage during {@link #build}, so the heap growth it causes is its memory.
 * Euclidean distance throughout.
 *
 * <p>Not thread-safe: one instance per benchmark thread.
 */
abstract class AnnContender {
  static final int M = 16;
  static final int EF_CONSTRUCTION = 100;
  static final long SEED = 42L;

  /**
   * Builds the index with {@code threads} builder threads (each library's own concurrent build),
   * copying the vectors.
   */
  abstract void build(float[][] base, int threads);

  /** Which base ids a query may return, or null for all (filtered search). */
  protected BitSet filter;

  /**
   * Restricts every later search to the ids set in {@code passing} (null: no filter). Each library
   * searches the way its own filtered query does.
   */
  void setFilter(BitSet passing) {
    this.filter = passing;
  }

  /** Sets the query-time beam width (ignored by the exact index). */
  abstract void setEf(int ef);

  /** Writes the ids of the k best matches, best first, and returns how many it wrote. */
  abstract int search(float[] query, int k, int[] ids);

  /**
   * Vectors scored by the last {@link #search}, or -1 where the library does not say (hnswlib). A
   * count that, unlike the QPS, does not depend on what else the machine is running.
   */
  long lastVisited() {
    return -1;
  }

  /** Whether ef means anything here. */
  boolean tunable() {
    return true;
  }

  static AnnContender named(String name) {
    return switch (name) {
      case "mlsd-hnsw" -> new Mlsd(false, false);
      case "mlsd-hnsw-sq8" -> new Mlsd(true, false);
      case "mlsd-hnsw-sq8-mapped" -> new Mlsd(true, true);
      case "lucene-hnsw" -> new Lucene();
      case "lucene-hnsw-sq8" -> new LuceneQuantized();
      case "hnswlib" -> new Hnswlib();
      case "exact-simd" -> new Exact();
      default ->
          throw new IllegalArgumentException(
              "unknown library '"
                  + name
                  + "': mlsd-hnsw, mlsd-hnsw-sq8, mlsd-hnsw-sq8-mapped, lucene-hnsw,"
                  + " lucene-hnsw-sq8, hnswlib,"
                  + " exact-simd");
    };
  }

  /**
   * Saves the built index to a file and loads it back in place of the built one, if this library
   * has an index file of this project's (else returns null).
   *
   * @return "bytes saveSeconds loadSeconds" of the round trip, or null
   */
  String saveAndReload() throws IOException {
    return null;
  }

  /**
   * Bytes of vector data a query reads from (the float block, or the int8 codes of a quantized
   * index), or -1 where the library does not say.
   */
  long searchedVectorBytes() {
    return -1;
  }

  /**
   * Bytes of vector data the index keeps on the Java heap (computed from its arrays), or -1 where
   * the library does not say.
   */
  long heapVectorBytes() {
    return -1;
  }

  /**
   * This project's HNSW; with {@code quantized}, the same graph searched on int8 codes with an
   * exact float re-score of the ef best ({@link HnswIndex#newQuantizedSearcher}); with {@code
   * mapped} too, saved and loaded back with {@link HnswIndex#loadQuantized}, so that the float
   * vectors stay in the mapped file and only the codes are on the heap.
   */
  static final class Mlsd extends AnnContender {
    private final boolean quantized;
    private final boolean mapped;
    private HnswIndex index;
    private HnswSearcher searcher;
    private SearchParams params = new SearchParams(10);
    // how many times k of a quantized search's candidates are re-scored with the floats
    private int rescoreMultiple = SearchParams.DEFAULT_RESCORE_MULTIPLE;
    private TopKCollector results;

    Mlsd(boolean quantized, boolean mapped) {
      this.quantized = quantized;
      this.mapped = mapped;
    }

    /**
     * A contender on an index already built or loaded ({@link SavedIndexCurve}): searched on its
     * int8 codes when {@code quantized} (the index must be quantized, or loaded with {@link
     * HnswIndex#loadQuantized}).
     */
    static Mlsd of(HnswIndex index, boolean quantized) {
      Mlsd m = new Mlsd(quantized, index.isMapped());
      m.index = index;
      m.searcher = quantized ? index.newQuantizedSearcher() : index.newSearcher();
      return m;
    }

    /** Re-score this many times k candidates from the next {@link #setEf} on (quantized only). */
    void setRescoreMultiple(int multiple) {
      rescoreMultiple = multiple;
    }

    /** The index built or loaded. */
    HnswIndex index() {
      return index;
    }

    @Override
    void build(float[][] base, int threads) {
      index =
          new HnswIndex(
              base[0].length,
              Similarity.EUCLIDEAN,
              new HnswBuildParams(M, EF_CONSTRUCTION, SEED),
              base.length);
      index.addAll(base, threads);
      if (mapped) {
        try {
          saveAndReload(); // the built index (floats on the heap) becomes garbage
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return;
      }
      if (quantized) {
        index.quantize();
      }
      searcher = quantized ? index.newQuantizedSearcher() : index.newSearcher();
    }

    @Override
    long searchedVectorBytes() {
      return index.vectorBytes(quantized);
    }

    @Override
    long heapVectorBytes() {
      return index.heapVectorBytes();
    }

    @Override
    String saveAndReload() throws IOException {
      java.nio.file.Path file = java.nio.file.Files.createTempFile("mlsd-ann-bench", ".mlsd");
      try {
        long t0 = System.nanoTime();
        index.save(file);
        long t1 = System.nanoTime();
        // a mapped index keeps the floats in the file (deleting it leaves the mapping readable)
        HnswIndex loaded = mapped ? HnswIndex.loadQuantized(file) : HnswIndex.load(file);
        long t2 = System.nanoTime();
        if (quantized && !mapped) {
          loaded.quantize(); // codes are not saved: quantize again after a load
        }
        long bytes = java.nio.file.Files.size(file);
        index = loaded;
        searcher = quantized ? index.newQuantizedSearcher() : index.newSearcher();
        return String.format(
            java.util.Locale.ROOT,
            "bytes=%d saveSeconds=%.2f loadSeconds=%.2f",
            bytes,
            (t1 - t0) / 1e9,
            (t2 - t1) / 1e9);
      } finally {
        java.nio.file.Files.deleteIfExists(file);
      }
    }

    @Override
    void setEf(int ef) {
      params = new SearchParams(ef, SearchParams.DEFAULT_EXACT_BELOW_SELECTIVITY, rescoreMultiple);
    }

    @Override
    int search(float[] query, int k, int[] ids) {
      if (results == null || results.k() != k) {
        results = new TopKCollector(k);
      }
      results.reset();
      searcher.search(query, params, accept, results);
      return results.drainTo(ids, null);
    }

    private IntPredicate accept;
    // pass the filter as a plain predicate (the exact fallback then tests every id), not as an
    // IdBitSet (the fallback walks the accepted ids): the code path before IdBitSet, for A/B runs
    private boolean filterAsPredicate;

    @Override
    void setFilter(BitSet passing) {
      super.setFilter(passing);
      if (passing == null) {
        accept = null;
      } else if (filterAsPredicate) {
        accept = passing::get;
      } else {
        accept = IdBitSet.of(passing, index.size());
      }
    }

    /**
     * A second contender on this one's index (no second build) whose filters reach the index as a
     * plain predicate: filtered search as it was before {@link IdBitSet}, for an interleaved A/B.
     */
    Mlsd predicateTwin() {
      Mlsd twin = new Mlsd(quantized, mapped);
      twin.index = index;
      twin.searcher = quantized ? index.newQuantizedSearcher() : index.newSearcher();
      twin.filterAsPredicate = true;
      return twin;
    }

    @Override
    long lastVisited() {
      return searcher.visitedCount();
    }
  }

  /** This project's exact SIMD brute force, the row every index must beat. */
  static final class Exact extends AnnContender {
    private VectorIndex.Searcher searcher;
    private TopKCollector results;
    private int size;

    @Override
    void build(float[][] base, int threads) {
      ExactIndex index = new ExactIndex(base[0].length, Similarity.EUCLIDEAN, base.length);
      for (float[] v : base) {
        index.add(v);
      }
      size = base.length;
      searcher = index.newSearcher();
    }

    @Override
    void setEf(int ef) {}

    @Override
    boolean tunable() {
      return false;
    }

    @Override
    int search(float[] query, int k, int[] ids) {
      if (results == null || results.k() != k) {
        results = new TopKCollector(k);
      }
      results.reset();
      searcher.search(query, null, accept, results);
      return results.drainTo(ids, null);
    }

    private IdBitSet accept;

    @Override
    void setFilter(BitSet passing) {
      super.setFilter(passing);
      accept = passing == null ? null : IdBitSet.of(passing, size);
    }

    @Override
    long lastVisited() {
      return accept == null ? size : accept.cardinality();
    }
  }

  /**
   * Lucene's HNSW used directly ({@code org.apache.lucene.util.hnsw}): {@link HnswGraphBuilder}
   * over on-heap float vectors with Lucene's default flat scorer (Panama SIMD when the incubator
   * module is present), searched with {@link HnswGraphSearcher} the way Lucene's codec does, with
   * topK = ef and the best k kept (that is what a Lucene kNN query with k = ef does).
   */
  static final class Lucene extends AnnContender {
    private FloatVectorValues values;
    private OnHeapHnswGraph graph;
    private int ef = 10;
    private long visited;

    @Override
    void build(float[][] base, int threads) {
      List<float[]> copy = new ArrayList<>(base.length);
      for (float[] v : base) {
        copy.add(v.clone());
      }
      values = FloatVectorValues.fromFloats(copy, base[0].length);
      try {
        RandomVectorScorerSupplier scorers =
            DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(
                VectorSimilarityFunction.EUCLIDEAN, values);
        if (threads == 1) {
          graph = HnswGraphBuilder.create(scorers, M, EF_CONSTRUCTION, SEED).build(base.length);
        } else {
          ExecutorService pool = Executors.newFixedThreadPool(threads);
          try {
            graph =
                new HnswConcurrentMergeBuilder(
                        new TaskExecutor(pool),
                        threads,
                        scorers,
                        M,
                        EF_CONSTRUCTION,
                        // an empty graph of the right size (its constructor is not public)
                        HnswGraphBuilder.create(scorers, M, EF_CONSTRUCTION, SEED, base.length)
                            .getGraph(),
                        null)
                    .build(base.length);
          } finally {
            pool.shutdown();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void setEf(int ef) {
      this.ef = ef;
    }

    private Bits acceptOrds;
    private int passing;

    @Override
    void setFilter(BitSet f) {
      super.setFilter(f);
      passing = f == null ? 0 : f.cardinality();
      acceptOrds =
          f == null
              ? null
              : new Bits() {
                @Override
                public boolean get(int index) {
                  return f.get(index);
                }

                @Override
                public int length() {
                  return values.size();
                }
              };
    }

    /** The exact top k among the passing docs (Lucene's fallback for selective filters). */
    private int exactFiltered(RandomVectorScorer scorer, int k, int[] ids) throws IOException {
      org.apache.lucene.search.TopKnnCollector top =
          new org.apache.lucene.search.TopKnnCollector(k, Integer.MAX_VALUE);
      for (int d = filter.nextSetBit(0); d >= 0; d = filter.nextSetBit(d + 1)) {
        top.collect(d, scorer.score(d));
      }
      visited += passing;
      ScoreDoc[] docs = top.topDocs().scoreDocs;
      for (int i = 0; i < docs.length; i++) {
        ids[i] = docs[i].doc;
      }
      return docs.length;
    }

    @Override
    int search(float[] query, int k, int[] ids) {
      try {
        RandomVectorScorer scorer =
            DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(
                VectorSimilarityFunction.EUCLIDEAN, values, query);
        int topK = Math.max(k, ef);
        KnnCollector c =
            HnswGraphSearcher.search(
                scorer, topK, graph, acceptOrds, acceptOrds == null ? Integer.MAX_VALUE : passing);
        visited = c.visitedCount();
        if (c.earlyTerminated()) {
          // as Lucene's kNN query does: past as many visits as there are passing docs, scan them
          return exactFiltered(scorer, k, ids);
        }
        TopDocs top = c.topDocs();
        ScoreDoc[] docs = top.scoreDocs;
        int n = Math.min(k, docs.length);
        for (int i = 0; i < n; i++) {
          ids[i] = docs[i].doc;
        }
        return n;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    long lastVisited() {
      return visited;
    }
  }

  /**
   * Lucene's own quantized HNSW, through its codec: {@code
   * Lucene104HnswScalarQuantizedVectorsFormat} with 8-bit codes ({@code UNSIGNED_BYTE}), one
   * segment in a heap directory, searched with {@code LeafReader.searchNearestVectors} for the ef
   * best by quantized score, which are then re-scored with the segment's raw float vectors (as
   * Lucene's full-precision rescoring query does), the same re-score {@code mlsd-hnsw-sq8} does.
   * Goes through the codec's per-query machinery, so it pays more per query than {@link Lucene},
   * which drives the graph directly.
   */
  static final class LuceneQuantized extends AnnContender {
    private org.apache.lucene.index.DirectoryReader reader;
    private org.apache.lucene.index.LeafReader leaf;
    private FloatVectorValues raw;
    private float[][] base;
    private int ef = 10;
    private final long[] scratch = new long[8192];

    @Override
    void build(float[][] base, int threads) {
      this.base = base;
      ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
      try {
        var format =
            new org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat(
                org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding
                    .UNSIGNED_BYTE,
                M,
                EF_CONSTRUCTION,
                threads,
                pool);
        var config =
            new org.apache.lucene.index.IndexWriterConfig()
                .setCodec(
                    new org.apache.lucene.codecs.lucene104.Lucene104Codec() {
                      @Override
                      public org.apache.lucene.codecs.KnnVectorsFormat getKnnVectorsFormatForField(
                          String field) {
                        return format;
                      }
                    })
                .setRAMBufferSizeMB(2000)
                .setMaxBufferedDocs(Integer.MAX_VALUE - 1);
        var dir = new org.apache.lucene.store.ByteBuffersDirectory();
        try (var w = new org.apache.lucene.index.IndexWriter(dir, config)) {
          for (float[] v : base) {
            var doc = new org.apache.lucene.document.Document();
            doc.add(
                new org.apache.lucene.document.KnnFloatVectorField(
                    "v", v, VectorSimilarityFunction.EUCLIDEAN));
            w.addDocument(doc);
          }
          w.forceMerge(1);
        }
        reader = org.apache.lucene.index.DirectoryReader.open(dir);
        leaf = reader.leaves().get(0).reader();
        raw = leaf.getFloatVectorValues("v");
        if (leaf.maxDoc() != base.length) {
          throw new IllegalStateException("expected one segment of " + base.length + " docs");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        if (pool != null) {
          pool.shutdown();
        }
      }
    }

    @Override
    void setEf(int ef) {
      this.ef = ef;
    }

    @Override
    void setFilter(BitSet passing) {
      if (passing != null) {
        throw new UnsupportedOperationException("filtered search is measured on lucene-hnsw");
      }
    }

    @Override
    int search(float[] query, int k, int[] ids) {
      try {
        TopDocs top =
            leaf.searchNearestVectors(
                "v",
                query,
                Math.max(k, ef),
                org.apache.lucene.search.AcceptDocs.fromLiveDocs(null, leaf.maxDoc()),
                Integer.MAX_VALUE);
        ScoreDoc[] docs = top.scoreDocs;
        // exact re-score: doc == ordinal in a single dense segment
        for (int i = 0; i < docs.length; i++) {
          float s = VectorSimilarityFunction.EUCLIDEAN.compare(query, raw.vectorValue(docs[i].doc));
          scratch[i] = ((long) Float.floatToIntBits(s) << 32) | (~docs[i].doc & 0xFFFFFFFFL);
        }
        Arrays.sort(scratch, 0, docs.length); // EUCLIDEAN scores are positive: bits sort as floats
        int n = Math.min(k, docs.length);
        for (int i = 0; i < n; i++) {
          ids[i] = ~(int) scratch[docs.length - 1 - i];
        }
        return n;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** jelmerk hnswlib (hnswlib-core), the pure-Java port of the authors' library. */
  static final class Hnswlib extends AnnContender {
    private com.github.jelmerk.hnswlib.core.hnsw.HnswIndex<Integer, float[], Row, Float> index;

    /** An indexed row: hnswlib wants items with ids. */
    record Row(Integer id, float[] vector) implements Item<Integer, float[]> {
      private static final long serialVersionUID = 1L;

      @Override
      public int dimensions() {
        return vector.length;
      }
    }

    @Override
    void build(float[][] base, int threads) {
      index =
          com.github.jelmerk.hnswlib.core.hnsw.HnswIndex.newBuilder(
                  base[0].length, DistanceFunctions.FLOAT_EUCLIDEAN_DISTANCE, base.length)
              .withM(M)
              .withEfConstruction(EF_CONSTRUCTION)
              .withEf(10)
              .build();
      List<Row> rows = new ArrayList<>(base.length);
      for (int i = 0; i < base.length; i++) {
        rows.add(new Row(i, base[i].clone()));
      }
      if (threads == 1) {
        rows.forEach(index::add);
      } else {
        try {
          index.addAll(rows, threads, (done, max) -> {}, Integer.MAX_VALUE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }

    @Override
    void setEf(int ef) {
      index.setEf(ef);
    }

    @Override
    void setFilter(BitSet passing) {
      if (passing != null) {
        throw new UnsupportedOperationException("hnswlib-core has no filtered search");
      }
    }

    @Override
    int search(float[] query, int k, int[] ids) {
      List<SearchResult<Row, Float>> found = index.findNearest(query, k);
      int n = Math.min(k, found.size());
      for (int i = 0; i < n; i++) {
        ids[i] = found.get(i).item().id();
      }
      return n;
    }
  }
}
