package dev.mlsd.core.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * A warm search allocates nothing: the searcher, the collector and its drain reuse their scratch.
 * Measured with the JVM's per-thread allocation counter around rounds of searches (allocation does
 * not depend on timing, so this is not a timing assert).
 */
class SearchAllocationTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static long allocatedBytes() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }

  /**
   * The fewest bytes one round allocated, over up to 3,000 rounds (stopping at the first round that
   * allocates none). The Vector API allocates its vectors until the JIT has compiled the kernels,
   * which takes a variable number of calls (more on a loaded machine, where the compiler threads
   * wait for a core); a real per-search allocation shows in every round.
   */
  private static long fewestBytesPerRound(Runnable round) {
    long fewest = Long.MAX_VALUE;
    for (int r = 0; r < 3_000 && fewest > 0; r++) {
      long before = allocatedBytes();
      round.run();
      fewest = Math.min(fewest, allocatedBytes() - before);
    }
    return fewest;
  }

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir;

  @Test
  void warmSearchAndDrainAllocateNothing() throws java.io.IOException {
    for (Similarity sim : Similarity.values()) {
      float[][] data = AnnTestData.clustered(2_000, 24, 10, 0.3, 7);
      HnswIndex index =
          AnnTestData.addAll(new HnswIndex(24, sim, new HnswBuildParams(8, 64, 1)), data);
      java.nio.file.Path file = dir.resolve(sim + ".mlsd");
      index.save(file);
      HnswIndex mapped = HnswIndex.loadQuantized(file); // re-scores from the mapped file
      index.quantize();
      float[][] queries = AnnTestData.clustered(20, 24, 10, 0.3, 8);
      boolean[] odd = new boolean[2_000];
      for (int i = 1; i < odd.length; i += 2) {
        odd[i] = true;
      }
      IntPredicate filter = id -> odd[id];
      IdBitSet rare = new IdBitSet(2_000); // 1%: the exact fallback walks the set's words
      for (int id = 0; id < 2_000; id += 100) {
        rare.add(id);
      }
      SearchParams params = new SearchParams(120);
      // 10 and 100 results: the drain sorts them (a library sort allocates on the longer list)
      for (int k : new int[] {10, 100}) {
        TopKCollector top = new TopKCollector(k);
        int[] ids = new int[k];
        float[] scores = new float[k];
        for (HnswSearcher s :
            new HnswSearcher[] {
              index.newSearcher(), index.newQuantizedSearcher(), mapped.newSearcher()
            }) {
          for (IntPredicate f : new IntPredicate[] {null, filter, rare}) {
            long bytes =
                fewestBytesPerRound(
                    () -> {
                      for (float[] q : queries) {
                        top.reset();
                        s.search(q, params, f, top);
                        top.drainTo(ids, scores);
                      }
                    });
            assertEquals(
                0,
                bytes,
                sim + " k " + k + " filter " + f + ": bytes in the quietest round of 20 searches");
          }
        }
      }
    }
  }

  @Test
  void twoThreadsSearchingAtOnceAllocateNothing() throws Exception {
    float[][] data = AnnTestData.clustered(2_000, 16, 10, 0.3, 9);
    HnswIndex hnsw =
        AnnTestData.addAll(
            new HnswIndex(16, Similarity.EUCLIDEAN, new HnswBuildParams(8, 64, 1)), data);
    ExactIndex exact = AnnTestData.addAll(new ExactIndex(16, Similarity.EUCLIDEAN), data);
    float[][] queries = AnnTestData.clustered(50, 16, 10, 0.3, 10);
    for (VectorIndex index : new VectorIndex[] {hnsw, exact}) {
      long[] bytes = new long[2];
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
      Thread[] threads = new Thread[2];
      for (int t = 0; t < 2; t++) {
        int slot = t;
        VectorIndex.Searcher s = index.newSearcher();
        TopKCollector top = new TopKCollector(10);
        SearchParams params = new SearchParams(32);
        Runnable round =
            () -> {
              for (float[] q : queries) {
                top.reset();
                s.search(q, params, null, top);
              }
            };
        threads[t] =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                  bytes[slot] = fewestBytesPerRound(round);
                });
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      assertEquals(0, bytes[0], index.getClass().getSimpleName() + " thread 0");
      assertEquals(0, bytes[1], index.getClass().getSimpleName() + " thread 1");
    }
  }
}
