package dev.mlsd.core.ann;

import java.util.Arrays;

/**
 * Links nodes into an {@link HnswIndex}'s graph (Malkov and Yashunin, Algorithms 1 and 4): one
 * builder per build thread, owning its scratch (a searcher, the sort buffer, the selection).
 *
 * <p>Threading: with {@code concurrent} false the caller holds the index's write lock and this is
 * the only writer. With {@code concurrent} true, several builders insert disjoint nodes at once
 * ({@link HnswIndex#addAll}): every write of a node's link list holds that node's stripe lock
 * (striped monitors, one held at a time, so no deadlock), and the entry point moves under its own
 * lock. Searches during the build read link lists without a lock: a count never exceeds its list's
 * capacity and every slot always holds the id of an appended node, so a racing read sees a slightly
 * stale list, never an invalid one (Java int writes do not tear), which is what the authors'
 * hnswlib and Lucene accept too.
 */
final class HnswBuilder {
  private static final int STRIPES = 1024; // a power of two

  private final HnswIndex index;
  private final HnswGraph graph;
  private final VectorStore store;
  private final HnswBuildParams params;
  private final boolean concurrent;
  private final Object[] stripes;
  private final HnswSearcher searcher;
  private final long[] sortScratch;
  private final int[] selected;
  private final float[] selectedScores; // each selected node's score against the base node
  private final int[] chosen;
  private final float[] chosenScores;
  private final float[] four = new float[4];

  /**
   * @param stripes the shared stripe monitors of a concurrent build (from {@link #newStripes}), or
   *     null for a single writer
   */
  HnswBuilder(HnswIndex index, Object[] stripes) {
    this.index = index;
    this.graph = index.graph;
    this.store = index.store;
    this.params = index.params;
    this.concurrent = stripes != null;
    this.stripes = stripes;
    this.searcher = new HnswSearcher(index, false);
    this.sortScratch = new long[Math.max(params.efConstruction(), graph.m0) + 1];
    this.selected = new int[graph.m0 + 1];
    this.selectedScores = new float[graph.m0 + 1];
    this.chosen = new int[graph.m0 + 1];
    this.chosenScores = new float[graph.m0 + 1];
  }

  static Object[] newStripes() {
    Object[] s = new Object[STRIPES];
    for (int i = 0; i < s.length; i++) {
      s[i] = new Object();
    }
    return s;
  }

  /** Links a node already appended to the store and the graph (Algorithm 1). */
  void insert(int id) {
    int level = graph.levels[id];
    int entry;
    int top;
    if (concurrent) {
      synchronized (index.entryLock) {
        if (graph.entryPoint < 0) {
          graph.entryPoint = id;
          graph.maxLevel = level;
          return;
        }
        entry = graph.entryPoint;
        top = graph.maxLevel;
      }
    } else {
      if (graph.entryPoint < 0) {
        graph.entryPoint = id;
        graph.maxLevel = level;
        return;
      }
      entry = graph.entryPoint;
      top = graph.maxLevel;
    }
    float[] data = store.data;
    int qo = id * store.dimension;
    long ep = searcher.descend(data, qo, entry, top, level);
    for (int l = Math.min(level, top); l >= 0; l--) {
      searcher.searchLayer(
          data,
          qo,
          NeighborHeap.unpackId(ep),
          NeighborHeap.unpackScore(ep),
          params.efConstruction(),
          l,
          null,
          false,
          Integer.MAX_VALUE);
      NeighborHeap found = searcher.results;
      int n = found.size();
      for (int i = 0; i < n; i++) {
        sortScratch[i] = found.keyAt(i);
      }
      Arrays.sort(sortScratch, 0, n); // ascending: best last
      ep = sortScratch[n - 1];
      // up to 2m on layer 0, m above, as Lucene does (the authors' hnswlib links a new node to m
      // on every layer): a better-connected bottom layer reaches a recall at a smaller ef
      int kept = selectNeighbours(sortScratch, n, graph.maxLinks(l));
      System.arraycopy(selected, 0, chosen, 0, kept); // linkBack reuses the selection scratch
      System.arraycopy(selectedScores, 0, chosenScores, 0, kept);
      int[] links = graph.linksArray(id, l);
      int off = graph.linksOffset(id, l);
      if (concurrent) {
        synchronized (stripe(id)) {
          if (links[off] == 0) {
            writeLinks(links, off, kept);
          } else {
            // another thread found this node on an upper layer and linked to it here first: merge
            for (int i = 0; i < kept; i++) {
              linkBack(id, l, chosen[i], chosenScores[i]);
            }
          }
        }
      } else {
        writeLinks(links, off, kept);
      }
      for (int i = 0; i < kept; i++) {
        int nb = chosen[i];
        // scores are symmetric, so the new node's score against nb is already known
        float score = chosenScores[i];
        if (concurrent) {
          synchronized (stripe(nb)) {
            linkBack(nb, l, id, score);
          }
        } else {
          linkBack(nb, l, id, score);
        }
      }
    }
    if (concurrent) {
      synchronized (index.entryLock) {
        if (level > graph.maxLevel) {
          graph.entryPoint = id;
          graph.maxLevel = level;
        }
      }
    } else if (level > graph.maxLevel) {
      graph.entryPoint = id;
      graph.maxLevel = level;
    }
  }

  private Object stripe(int node) {
    return stripes[node & (STRIPES - 1)];
  }

  /**
   * Writes the selection as a node's list. Growing: the ids first, then the count; shrinking: the
   * count first. A racing read then sees either list's slots, never a slot not yet written.
   */
  private void writeLinks(int[] links, int off, int kept) {
    if (kept > links[off]) {
      System.arraycopy(chosen, 0, links, off + 1, kept);
      links[off] = kept;
    } else {
      links[off] = kept;
      System.arraycopy(chosen, 0, links, off + 1, kept);
    }
  }

  /** Adds {@code id} to {@code node}'s links on a layer, pruning with the heuristic when full. */
  private void linkBack(int node, int level, int id, float score) {
    int[] links = graph.linksArray(node, level);
    int off = graph.linksOffset(node, level);
    int count = links[off];
    int max = graph.maxLinks(level);
    if (concurrent) {
      // two threads may each link the pair: keep one copy
      for (int j = off + 1, end = off + 1 + count; j < end; j++) {
        if (links[j] == id) {
          return;
        }
      }
    }
    if (count < max) {
      links[off + 1 + count] = id;
      links[off] = count + 1;
      return;
    }
    // the node's score against each of its links, four vectors per kernel call
    for (int i = 0; i < count; i += 4) {
      int last = off + count;
      int b0 = links[off + 1 + i];
      store.score4(
          node,
          b0,
          links[Math.min(off + 2 + i, last)],
          links[Math.min(off + 3 + i, last)],
          links[Math.min(off + 4 + i, last)],
          four,
          0);
      for (int j = 0; j < 4 && i + j < count; j++) {
        sortScratch[i + j] = NeighborHeap.pack(links[off + 1 + i + j], four[j]);
      }
    }
    sortScratch[count] = NeighborHeap.pack(id, score);
    Arrays.sort(sortScratch, 0, count + 1);
    int kept = selectNeighbours(sortScratch, count + 1, max);
    // kept <= count: shrink the count first, then rewrite the slots
    links[off] = kept;
    System.arraycopy(selected, 0, links, off + 1, kept);
  }

  /**
   * The paper's neighbour-selection heuristic (Algorithm 4, without extending or keeping pruned
   * candidates, as in the authors' hnswlib): walks the candidates best first and keeps one only if
   * it is more similar to the base node than to every candidate already kept. With at most {@code
   * max} candidates, keeps them all.
   *
   * @param sortedKeys packed (id, score against the base) keys, ascending (best last)
   * @param n how many keys
   * @param max the most to keep
   * @return how many were written into {@link #selected}, best first
   */
  private int selectNeighbours(long[] sortedKeys, int n, int max) {
    if (n <= max) {
      for (int i = 0; i < n; i++) {
        selected[i] = NeighborHeap.unpackId(sortedKeys[n - 1 - i]);
        selectedScores[i] = NeighborHeap.unpackScore(sortedKeys[n - 1 - i]);
      }
      return n;
    }
    int kept = 0;
    for (int i = n - 1; i >= 0 && kept < max; i--) {
      int c = NeighborHeap.unpackId(sortedKeys[i]);
      float toBase = NeighborHeap.unpackScore(sortedKeys[i]);
      boolean diverse = true;
      // against the kept neighbours four at a time (a last group padded with its last one)
      for (int j = 0; j < kept && diverse; j += 4) {
        int last = kept - 1;
        store.score4(
            c,
            selected[j],
            selected[Math.min(j + 1, last)],
            selected[Math.min(j + 2, last)],
            selected[Math.min(j + 3, last)],
            four,
            0);
        // c is closer to a kept neighbour than to the base: redundant
        diverse = !(four[0] > toBase || four[1] > toBase || four[2] > toBase || four[3] > toBase);
      }
      if (diverse) {
        selectedScores[kept] = toBase;
        selected[kept++] = c;
      }
    }
    return kept;
  }
}
