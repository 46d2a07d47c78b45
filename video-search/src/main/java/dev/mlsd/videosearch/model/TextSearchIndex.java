package dev.mlsd.videosearch.model;

import dev.mlsd.videosearch.features.SearchAnalyzer;
import dev.mlsd.videosearch.features.TextNormalizer;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;

/**
 * The text search: an Apache Lucene inverted index over each video's text, scored by BM25 (Lucene's
 * {@link BM25Similarity}, k1 1.2, b 0.75), the library under the book's Elasticsearch.
 *
 * <p>Text goes through {@link TextNormalizer} and then the {@link SearchAnalyzer} (optionally
 * stemming) on both sides. A query is never parsed as Lucene query syntax: its normalised words
 * become one optional {@link TermQuery} each (a disjunction, scored by BM25), so operators and
 * brackets are searched as the words they contain and nothing the user types can make Lucene throw.
 * A query with no word left after normalisation is refused ({@link NoSearchableWords}).
 *
 * <p>Adds become searchable after {@link #refresh()}; {@link #commit()} makes them durable in an
 * on-disk index ({@link #open(Path, boolean)}, Lucene's own checksummed format), which {@code open}
 * reloads.
 *
 * <p>Thread safety: {@link #search} may run on many threads at once; {@link #add}, {@link #refresh}
 * and {@link #commit} may run beside searches (Lucene's near-real-time readers).
 *
 * <p>Book: chapter 4, "Text search" (inverted index, BM25) and "Video indexing pipeline".
 */
public final class TextSearchIndex implements Closeable {
  /** The indexed text field. */
  public static final String TEXT = "text";

  /** The video id, as doc values (for hits) and stored. */
  public static final String VIDEO = "video";

  /** A query with no searchable word after normalisation. */
  public static final class NoSearchableWords extends IllegalArgumentException {
    NoSearchableWords() {
      super("the query has no searchable words (letters or digits)");
    }
  }

  private final Directory directory;
  private final SearchAnalyzer analyzer;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  private TextSearchIndex(Directory directory, boolean stem) throws IOException {
    this.directory = directory;
    this.analyzer = new SearchAnalyzer(stem);
    IndexWriterConfig config = new IndexWriterConfig(analyzer);
    config.setSimilarity(new BM25Similarity());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    this.writer = new IndexWriter(directory, config);
    this.searchers =
        new SearcherManager(
            writer,
            new SearcherFactory() {
              @Override
              public IndexSearcher newSearcher(
                  org.apache.lucene.index.IndexReader reader,
                  org.apache.lucene.index.IndexReader previous) {
                IndexSearcher s = new IndexSearcher(reader);
                s.setSimilarity(new BM25Similarity());
                return s;
              }
            });
  }

  /** An empty index in memory. */
  public static TextSearchIndex inMemory(boolean stem) {
    try {
      return new TextSearchIndex(new ByteBuffersDirectory(), stem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Opens (or creates) an index in a directory, memory-mapped; reopening reloads what was
   * committed.
   *
   * @param dir the index directory
   * @param stem whether the analyzer stems; must match how the index was built
   */
  public static TextSearchIndex open(Path dir, boolean stem) throws IOException {
    return new TextSearchIndex(new MMapDirectory(dir), stem);
  }

  /** Whether this index stems. */
  public boolean stems() {
    return analyzer.stems();
  }

  /**
   * Adds one video's text (visible to searches after {@link #refresh()}).
   *
   * @param videoId the video id, at least 0
   * @param text the raw text; normalised here
   */
  public void add(int videoId, String text) throws IOException {
    if (videoId < 0) {
      throw new IllegalArgumentException("video id must be >= 0, got " + videoId);
    }
    Document d = new Document();
    d.add(new TextField(TEXT, TextNormalizer.normalize(text), Field.Store.NO));
    d.add(new NumericDocValuesField(VIDEO, videoId));
    d.add(new StoredField(VIDEO, videoId));
    writer.addDocument(d);
  }

  /** Makes every add so far visible to searches. */
  public void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  /** Makes every add so far durable (and visible). */
  public void commit() throws IOException {
    writer.commit();
    refresh();
  }

  /** The number of videos searchable now. */
  public int size() throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      return s.getIndexReader().numDocs();
    } finally {
      searchers.release(s);
    }
  }

  /**
   * The Lucene query for a text: one optional term per normalised (and maybe stemmed) word.
   *
   * @throws NoSearchableWords if no word is left
   */
  public Query query(String text) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int terms = 0;
    try (TokenStream ts = analyzer.tokenStream(TEXT, TextNormalizer.normalize(text))) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        b.add(new TermQuery(new Term(TEXT, term.toString())), BooleanClause.Occur.SHOULD);
        terms++;
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (terms == 0) {
      throw new NoSearchableWords();
    }
    return b.build();
  }

  /** The analysed terms of a text (for the search page's "matched words"). */
  public List<String> terms(String text) {
    List<String> out = new java.util.ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(TEXT, TextNormalizer.normalize(text))) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * BM25 search: the best {@code k} videos that share a word with the query, best first (ties by
   * Lucene's doc order).
   *
   * @param text the raw query text
   * @param k how many, at least 1
   * @param ids receives the video ids
   * @param scores receives the BM25 scores
   * @return how many were written, at most k
   * @throws NoSearchableWords if the query has no word
   */
  public int search(String text, int k, int[] ids, float[] scores) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    Query q = query(text);
    IndexSearcher s;
    try {
      s = searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      TopDocs top = s.search(q, k);
      List<LeafReaderContext> leaves = s.getIndexReader().leaves();
      int n = 0;
      for (ScoreDoc sd : top.scoreDocs) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
        NumericDocValues dv = leaf.reader().getNumericDocValues(VIDEO);
        if (dv == null || !dv.advanceExact(sd.doc - leaf.docBase)) {
          throw new IllegalStateException("document " + sd.doc + " has no video id");
        }
        ids[n] = (int) dv.longValue();
        scores[n] = sd.score;
        n++;
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        searchers.release(s);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
    directory.close();
  }
}
