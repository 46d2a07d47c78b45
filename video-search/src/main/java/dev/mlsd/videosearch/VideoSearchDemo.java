package dev.mlsd.videosearch;

import dev.mlsd.core.data.Datasets;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.videosearch.data.DidemoLoader;
import dev.mlsd.videosearch.data.SearchCorpus;
import dev.mlsd.videosearch.data.SearchQuery;
import dev.mlsd.videosearch.data.VideoSplit;
import dev.mlsd.videosearch.evaluation.MetricTable;
import dev.mlsd.videosearch.evaluation.QueryRankings;
import dev.mlsd.videosearch.evaluation.RandomRanking;
import dev.mlsd.videosearch.model.TextSearchIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The chapter-4 demo on DiDeMo, narrated in the book's order. This first version covers the data,
 * the protocol and the text search (BM25 on Lucene, with and without stemming) against the random
 * floor; the learned search and fusion follow.
 *
 * <p>Run: {@code mvn -pl video-search exec:java}.
 */
@Command(
    name = "video-search-demo",
    mixinStandardHelpOptions = true,
    description = "Video search (book chapter 4) on DiDeMo: text search, learned search, fusion.")
public final class VideoSearchDemo implements Callable<Integer> {
  @Option(
      names = "--seed",
      description = "seed of the split and the bootstrap",
      defaultValue = "42")
  long seed;

  @Option(names = "--quick", description = "200 bootstrap resamples instead of 1000")
  boolean quick;

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new VideoSearchDemo()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    System.out.println("1. Requirements: free-text query in, videos ranked by relevance out.");
    Path dir = Datasets.fromEnvironment().directory("didemo");
    DidemoLoader.Loaded loaded = DidemoLoader.load(dir);
    loaded.reports().forEach(r -> System.out.println("   " + r.summary()));
    System.out.println("2. Framing: text search (BM25) and learned search, fused; metric MRR.");
    SearchCorpus corpus = SearchCorpus.of(loaded.videos());
    VideoSplit split = VideoSplit.of(corpus.size(), 0.2, 0.2, seed);
    List<SearchQuery> test = corpus.queries(split.test());
    System.out.printf(
        "3. Data: %d videos, %d descriptions; one held-out query per video; test queries %d%n",
        corpus.size(), loaded.descriptions(), test.size());
    int depth = 200;
    MetricTable table = new MetricTable(new Bootstrap(quick ? 200 : 1000, 0.95, seed));
    table.add(QueryRankings.of("random", new RandomRanking(corpus.size(), seed), test, depth));
    for (boolean stem : new boolean[] {false, true}) {
      try (TextSearchIndex index = TextSearchIndex.inMemory(stem)) {
        for (int v = 0; v < corpus.size(); v++) {
          index.add(v, corpus.indexedText(v));
        }
        index.refresh();
        float[] scores = new float[depth];
        table.add(
            QueryRankings.of(
                stem ? "bm25 (stemmed)" : "bm25",
                (q, d, ids) -> index.search(q.text(), d, ids, scores),
                test,
                depth));
      }
    }
    System.out.println("6. Evaluation on the test queries (95% bootstrap intervals):");
    System.out.print(table.format());
    System.out.println(
        "   stemming, paired MRR difference: "
            + table.pairedDifference("bm25 (stemmed)", "bm25", "mrr"));
    return 0;
  }
}
