package dev.mlsd.videosearch.features;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;

/**
 * The Lucene analyzer of the text search. It reads text already passed through {@link
 * TextNormalizer} (the index and the query path both call it first), splits on spaces and,
 * optionally, applies the Porter stemmer ("walking" and "walks" to "walk").
 *
 * <p>Thread safety: Lucene analyzers are thread-safe (token streams are reused per thread).
 *
 * <p>Book: chapter 4, "Text search" (the inverted index's analysis) and "Feature engineering".
 */
public final class SearchAnalyzer extends Analyzer {
  private final boolean stem;

  /**
   * @param stem whether to apply the Porter stemmer after tokenisation
   */
  public SearchAnalyzer(boolean stem) {
    this.stem = stem;
  }

  /** Whether this analyzer stems. */
  public boolean stems() {
    return stem;
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new WhitespaceTokenizer();
    TokenStream out = stem ? new PorterStemFilter(source) : source;
    return new TokenStreamComponents(source, out);
  }
}
