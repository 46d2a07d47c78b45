package dev.mlsd.core.ann;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Hierarchical Navigable Small World graph (Malkov and Yashunin, "Efficient and robust approximate
 * nearest neighbor search using Hierarchical Navigable Small World graphs", TPAMI 2018,
 * arXiv:1603.09320).
 *
 * <p>Every vector is a node on layer 0; a node also lives on layers 1..l with l drawn from a
 * geometric distribution ({@code floor(-ln(u) / ln(m))}), so each layer up holds about 1/m of the
 * one below. A query descends greedily through the sparse upper layers to a good entry point, then
 * runs a beam search of width ef on layer 0 ({@link HnswSearcher}). Inserting a vector searches for
 * its efConstruction nearest nodes on each of its layers and links it to the best of them, chosen
 * by the paper's heuristic (Algorithm 4): a candidate is kept only if it is closer to the new node
 * than to every neighbour already kept, which spreads links across directions and keeps clusters
 * connected. Every list holds up to 2m links on layer 0 and m above, the new node's own included
 * (as Lucene does; the authors' hnswlib gives the new node m on every layer and lets back-links
 * fill layer 0 to 2m). A neighbour whose list overflows is pruned with the same heuristic.
 *
 * <p>Inner product, and its limit (MIPS): under {@link Similarity#DOT_PRODUCT} the graph is built
 * and searched with raw inner products, which are not a metric: a vector need not be its own
 * nearest neighbour, and the neighbour-selection heuristic, which assumes one, keeps the wrong
 * links. On embeddings whose norms vary widely the few long vectors win every comparison, crowd
 * every neighbour list, and recall falls far below what the same ef gives under cosine or L2. Raw
 * inner product is fine when the norms lie in a narrow band (0.9 to 1.1 in {@code HnswIndexTest},
 * recall@10 >= 0.95 at ef 128, as under cosine). Otherwise index through {@link MipsTransform}
 * (Bachrach et al., 2014): it appends {@code sqrt(M^2 - |x|^2)} to every item and 0 to every query,
 * so all items share the norm M, inner-product order becomes L2 order, and the graph is built on a
 * metric again:
 *
 * <pre>{@code
 * MipsTransform t = MipsTransform.fit(items, d);          // items row-major, M = largest norm
 * HnswIndex index = t.buildHnsw(items, params);           // ids = item rows
 * t.queryInto(query, augmented);                          // d + 1 values, allocation-free
 * searcher.search(augmented, searchParams, null, top);    // scores are the original <q, x>
 * }</pre>
 *
 * <p>With norms spread from 0.2 to 8 ({@code MipsTransformTest}) that gives recall@10 >= 0.95 at ef
 * 64. The same holds for a quantized searcher: quantize the transformed vectors.
 *
 * <p>Storage: vectors in one contiguous {@code float[]} ({@link VectorStore}); links in flat int
 * arrays ({@link HnswGraph}). About {@code 4d + 4(2m + 1)} bytes per vector, plus the upper layers
 * (about 1/m of that again for links). {@link #quantize} adds {@code d} bytes of int8 codes per
 * vector; {@link #loadQuantized} keeps only those on the heap, the floats staying in the mapped
 * index file for the exact re-score.
 *
 * <p>Determinism: a node's level is a hash of (seed, id), and every tie breaks by id, so the same
 * vectors added in the same order with the same {@link HnswBuildParams} give the same graph, bit
 * for bit, with one builder thread ({@link #add}, or {@link #addAll} with one thread). {@link
 * #addAll} with several threads builds a graph of the same quality whose exact links depend on the
 * threads' timing.
 *
 * <p>Updates: {@link #add} inserts incrementally, no rebuild. {@link #delete} is a <em>soft</em>
 * delete: the node stays in the graph, still routes searches and may still gain links, but is never
 * returned. Recall holds while deletions are a modest fraction; after many, rebuild the index.
 *
 * <p>Thread safety: {@link #add} and {@link #delete} take a write lock; each search holds the read
 * lock for its duration. So any number of searches (one {@link HnswSearcher} per thread) may run
 * concurrently with each other and with a build on another thread; each search sees a consistent
 * prefix of the insertions: every add that returned before the search took the lock, none that
 * started after. Adds themselves are serialised. The lock is a {@link StampedLock}: a warm search
 * allocates nothing, from any number of threads (a {@code ReentrantReadWriteLock} allocates a hold
 * counter per read once two threads read at once). Like that lock in its default mode it is not
 * fair: a steady stream of overlapping searches can delay an add.
 *
 * <p>Persistence: {@link #save} and {@link #load}, through {@link dev.mlsd.core.io.ArtifactFile}
 * (kind {@value HnswIndexFile#KIND}); see {@link HnswIndexFile} for the layout.
 *
 * <p>Book: chapter 2 (visual search), section "Approximate nearest neighbor: graph-based".
 */
public final class HnswIndex implements VectorIndex {
  final VectorStore store;
  final HnswGraph graph;
  final HnswBuildParams params;
  // a StampedLock's views: taking and releasing its read lock allocates nothing, where a
  // ReentrantReadWriteLock records each reader's hold count in a thread-local (an allocation per
  // search once two threads search at once). Not reentrant: no method takes it twice.
  final ReadWriteLock lock = new StampedLock().asReadWriteLock();
  private final double levelMultiplier;
  QuantizedVectors quantized; // int8 codes, after quantize(); null before

  final Object entryLock = new Object(); // guards the entry point during a concurrent build
  private HnswBuilder builder; // the single writer's scratch, used under the write lock only

  /**
   * An empty index.
   *
   * @param dimension vector length, at least 1
   * @param similarity how vectors are compared
   * @param params graph shape and seed
   */
  public HnswIndex(int dimension, Similarity similarity, HnswBuildParams params) {
    this(dimension, similarity, params, 1024);
  }

  /**
   * An empty index with room for {@code expectedSize} vectors before its arrays grow (they grow by
   * half when full, so a size hint avoids both the copies and up to a third of unused capacity).
   *
   * @param dimension vector length, at least 1
   * @param similarity how vectors are compared
   * @param params graph shape and seed
   * @param expectedSize how many vectors to make room for; more may be added
   */
  public HnswIndex(int dimension, Similarity similarity, HnswBuildParams params, int expectedSize) {
    this(
        new VectorStore(dimension, similarity, expectedSize),
        new HnswGraph(params.m(), expectedSize),
        params);
  }

  HnswIndex(VectorStore store, HnswGraph graph, HnswBuildParams params) {
    this.store = store;
    this.graph = graph;
    this.params = params;
    this.levelMultiplier = 1.0 / Math.log(params.m());
  }

  /** The build parameters. */
  public HnswBuildParams buildParams() {
    return params;
  }

  @Override
  public int dimension() {
    return store.dimension;
  }

  @Override
  public Similarity similarity() {
    return store.similarity;
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return store.size;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public int liveCount() {
    lock.readLock().lock();
    try {
      return store.liveCount();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public int add(float[] vector) {
    lock.writeLock().lock();
    try {
      return addLocked(vector);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** {@link #add} under the write lock, already held. */
  private int addLocked(float[] vector) {
    int id = store.add(vector);
    int level = levelOf(params.seed(), id, levelMultiplier);
    graph.addNode(id, level);
    if (builder == null) {
      builder = new HnswBuilder(this, null);
    }
    builder.insert(id);
    if (quantized != null) {
      quantized.encode(store, id);
      // the insertion wrote the new node's layer-0 links and back-links into its neighbours' lists
      quantized.copyLinks(graph, id);
      int off = id * graph.stride0;
      for (int j = off + 1, end = off + 1 + graph.links0[off]; j < end; j++) {
        quantized.copyLinks(graph, graph.links0[j]);
      }
    }
    return id;
  }

  /**
   * Adds vectors in order, their ids consecutive from {@link #size()}, linking them into the graph
   * with {@code threads} builder threads. With one thread this is exactly {@link #add} in a loop
   * (the same graph, bit for bit). With more, the threads insert different vectors at once, locking
   * one node's link list at a time (see {@link HnswBuilder}): the graph's quality is the same
   * within noise, but which links a node keeps depends on the threads' timing, so the graph is no
   * longer reproducible bit for bit. Every vector is checked before any is added.
   *
   * <p>Holds the write lock for the whole call: searches wait until it returns.
   *
   * @param vectors the vectors, each of length {@link #dimension()}
   * @param threads builder threads, at least 1 (the cores to use)
   * @return the id of the first vector added
   * @throws IllegalArgumentException if a vector is invalid (then none is added) or threads < 1
   */
  public int addAll(float[][] vectors, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    lock.writeLock().lock();
    try {
      for (int i = 0; i < vectors.length; i++) {
        store.checkVector(vectors[i], "vector " + i);
      }
      int first = store.size;
      if (threads == 1 || vectors.length < 2) {
        for (float[] v : vectors) {
          addLocked(v);
        }
        return first;
      }
      for (float[] v : vectors) {
        int id = store.add(v);
        graph.addNode(id, levelOf(params.seed(), id, levelMultiplier));
      }
      insertConcurrently(first, store.size, threads);
      if (quantized != null) {
        for (int id = first; id < store.size; id++) {
          quantized.encode(store, id);
        }
        for (int id = 0; id < store.size; id++) {
          quantized.copyLinks(graph, id); // back-links reach any older node
        }
      }
      return first;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Links nodes {@code from..to-1}, already appended, with several builder threads. */
  private void insertConcurrently(int from, int to, int threads) {
    Object[] stripes = HnswBuilder.newStripes();
    AtomicInteger next = new AtomicInteger(from);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable work =
        () -> {
          HnswBuilder b = new HnswBuilder(this, stripes);
          try {
            for (int id = next.getAndIncrement();
                id < to && failure.get() == null;
                id = next.getAndIncrement()) {
              b.insert(id);
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          }
        };
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] = Thread.ofPlatform().name("hnsw-build-" + t).start(work);
    }
    boolean interrupted = false;
    for (Thread w : workers) {
      while (true) {
        try {
          w.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the workers hold no lock of the caller's: finish, then re-assert
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
  }

  @Override
  public boolean delete(int id) {
    lock.writeLock().lock();
    try {
      return store.delete(id);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean isDeleted(int id) {
    lock.readLock().lock();
    try {
      store.checkId(id);
      return store.isDeleted(id);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * A searcher on the float vectors; one per thread. On an index from {@link #loadQuantized}, whose
   * float vectors are not on the heap, this is {@link #newQuantizedSearcher}: its only way to
   * search.
   */
  @Override
  public HnswSearcher newSearcher() {
    return new HnswSearcher(this, store.isMapped());
  }

  /**
   * Quantizes the stored vectors to int8 ({@link ScalarQuantizer}: each dimension's min/max range
   * over the vectors now in the index, 256 levels), for searchers from {@link
   * #newQuantizedSearcher}. The float vectors stay: they build the graph and re-score the
   * candidates. Vectors added later are encoded as they come, clamped to the fitted range (quantize
   * again after adding many that fall outside it). Costs one pass over the vectors and {@code d}
   * bytes per vector ({@code d + 4} under Euclidean distance). Not saved with the index: quantize
   * again after {@link #load}.
   *
   * @throws IllegalStateException if the index is empty
   */
  public void quantize() {
    lock.writeLock().lock();
    try {
      if (store.size == 0) {
        throw new IllegalStateException("quantize needs at least one vector in the index");
      }
      quantized = QuantizedVectors.of(store, graph);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Whether {@link #quantize} has been called. */
  public boolean isQuantized() {
    lock.readLock().lock();
    try {
      return quantized != null;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * A searcher that walks the graph on the int8 codes and re-scores the best candidates exactly
   * with the float vectors ({@link SearchParams#rescoreMultiple()}, see {@link HnswSearcher}); one
   * per thread.
   *
   * @throws IllegalStateException if the index has not been quantized
   */
  public HnswSearcher newQuantizedSearcher() {
    if (!isQuantized()) {
      throw new IllegalStateException("call quantize() before asking for a quantized searcher");
    }
    return new HnswSearcher(this, true);
  }

  /**
   * Bytes of vector data a search reads from: the float block ({@code 4d} per vector) or, for a
   * quantized searcher, the codes ({@code d}, plus 4 under Euclidean distance). The float block is
   * kept for re-scoring either way: on the heap, or, after {@link #loadQuantized}, in the mapped
   * file ({@link #heapVectorBytes}).
   *
   * @param quantizedVectors the codes' bytes instead of the floats'
   */
  public long vectorBytes(boolean quantizedVectors) {
    lock.readLock().lock();
    try {
      if (quantizedVectors) {
        return quantized == null ? 0 : quantized.bytesFor(store.size);
      }
      return 4L * store.size * store.dimension;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Bytes of vector data this index holds on the Java heap: the float block (unless it was loaded
   * with {@link #loadQuantized}) plus the int8 codes and norms (once quantized). The graph's links
   * are not counted ({@link #ramBytesUsed} counts everything).
   */
  public long heapVectorBytes() {
    lock.readLock().lock();
    try {
      return heapVectorBytesLocked();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** {@link #heapVectorBytes} under the read lock, already held (the lock is not reentrant). */
  private long heapVectorBytesLocked() {
    long bytes = store.data == null ? 0 : 4L * store.data.length;
    if (quantized != null) {
      bytes += quantized.bytesFor(store.capacity());
    }
    return bytes;
  }

  /** Whether the float vectors stay in the mapped index file ({@link #loadQuantized}). */
  public boolean isMapped() {
    return store.isMapped();
  }

  /**
   * The exact twin: a searcher that scans this index's own vectors exhaustively (same deletions,
   * same filter semantics), for measuring recall without a second copy of the data.
   */
  public VectorIndex.Searcher newExactSearcher() {
    float[] scratch = new float[store.dimension];
    int[] ids = new int[VectorStore.SCAN_BATCH];
    float[] scores = new float[VectorStore.SCAN_BATCH + 3];
    float[] rows = store.isMapped() ? new float[4 * store.dimension] : null;
    return (q, p, filter, results) -> {
      store.prepareQuery(q, scratch);
      lock.readLock().lock();
      try {
        store.scan(scratch, filter, results, ids, scores, rows);
      } finally {
        lock.readLock().unlock();
      }
    };
  }

  /**
   * A copy of a stored vector (unit length under cosine).
   *
   * @throws IllegalArgumentException if the id was never assigned
   */
  public float[] vector(int id) {
    lock.readLock().lock();
    try {
      return store.vector(id);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * A node's links on one layer, in stored order (for tests and inspection).
   *
   * @return the neighbour ids, empty when the node does not reach that layer
   */
  public int[] neighbours(int id, int level) {
    lock.readLock().lock();
    try {
      store.checkId(id);
      if (level > graph.levels[id]) {
        return new int[0];
      }
      if (level == 0 && graph.links0 == null) {
        int[] copy = new int[graph.stride0]; // loadQuantized: the links are beside the codes
        quantized.links(id, copy);
        return java.util.Arrays.copyOfRange(copy, 1, 1 + copy[0]);
      }
      return graph.neighbours(id, level);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The top layer of the graph, -1 when empty. */
  public int maxLevel() {
    lock.readLock().lock();
    try {
      return graph.maxLevel;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Approximate heap bytes held: vectors (as {@link #heapVectorBytes}), links and delete bits (not
   * the JVM object headers).
   */
  public long ramBytesUsed() {
    lock.readLock().lock();
    try {
      long bytes = heapVectorBytesLocked() + 8L * store.deleted.length;
      if (quantized != null) {
        // the copy of the layer-0 links beside the codes, and the slots' padding
        bytes += quantized.heapBytes() - quantized.bytesFor(store.capacity());
      }
      bytes += graph.levels.length + 8L * graph.upper.length;
      bytes += graph.links0 == null ? 0 : 4L * graph.links0.length;
      for (int i = 0; i < graph.size; i++) {
        if (graph.upper[i] != null) {
          bytes += 16 + 4L * graph.upper[i].length;
        }
      }
      return bytes;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Saves the index (vectors, graph, deletions, parameters) atomically.
   *
   * @param file destination
   * @throws IOException if it cannot be written
   */
  public void save(Path file) throws IOException {
    lock.readLock().lock();
    try {
      HnswIndexFile.write(this, file);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Loads an index saved by {@link #save}: bulk reads of the vector block and the link arrays,
   * after the container's checksum and this layout's structural checks.
   *
   * @param file the index file
   * @return the index, ready for search and further adds
   * @throws dev.mlsd.core.io.CorruptArtifactException if the file is corrupt, truncated, of another
   *     kind or inconsistent
   * @throws IOException if it cannot be read
   */
  public static HnswIndex load(Path file) throws IOException {
    return HnswIndexFile.read(file);
  }

  /**
   * Loads an index saved by {@link #save} for quantized search with its float vectors left in the
   * file: the graph and the int8 codes ({@link #quantize}, fitted on the loaded vectors) are on the
   * heap, the float block stays in the memory-mapped file, where the operating system's page cache
   * holds the pages a search touches. A search walks the graph on the codes and reads from the file
   * only the few float vectors it re-scores, so the heap holds about a quarter of the float index's
   * vector bytes ({@link #heapVectorBytes}), as Lucene keeps its raw vectors in the index file
   * beside the quantized ones.
   *
   * <p>The index is read-only: {@link #add} and {@link #addAll} throw {@link
   * IllegalStateException}; {@link #delete} works (the delete bits are on the heap). {@link
   * #newSearcher} gives the quantized searcher, as {@link #newQuantizedSearcher} does; {@link
   * #newExactSearcher} and the exact fallback of a filtered search scan the mapped vectors. {@link
   * #save} writes the same file layout. The mapping lives as long as the index.
   *
   * @param file the index file
   * @return the quantized index
   * @throws dev.mlsd.core.io.CorruptArtifactException if the file is corrupt, truncated, of another
   *     kind or inconsistent (every float is checked, as {@link #load} does)
   * @throws IOException if it cannot be read
   */
  public static HnswIndex loadQuantized(Path file) throws IOException {
    HnswIndex index =
        HnswIndexFile.read(file, dev.mlsd.core.io.ArtifactFile.DEFAULT_SEGMENT_BYTES, true);
    if (index.store.size > 0) {
      index.quantized = QuantizedVectors.of(index.store, index.graph);
      // read-only: the layer-0 links now live beside the codes, where the search reads them
      index.graph.links0 = null;
    }
    return index;
  }

  /** A node's level: a hash of (seed, id) mapped to the geometric distribution. */
  static int levelOf(long seed, int id, double levelMultiplier) {
    long z = seed + (id + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    double u = ((z >>> 11) + 1) * 0x1.0p-53; // uniform in (0, 1]
    return (int) Math.min(HnswGraph.MAX_LEVEL, -Math.log(u) * levelMultiplier);
  }
}
