package dev.mlsd.videosearch.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The search protocol applied to DiDeMo: the catalogue's indexed text and the held-out queries.
 *
 * <p>The rule, fixed and documented: for every video with at least two descriptions, the
 * description with the <b>smallest {@code annotation_id}</b> is held out as that video's query; the
 * video's other descriptions are its indexed text (standing in for the title, description and tags
 * of the book's videos). A video with a single description has no query and is indexed with that
 * description. Every video of the catalogue is a candidate for every query; the query's own video
 * is the single relevant result, so the reciprocal rank is defined (book: MRR).
 *
 * <p>A held-out description never reaches the indexed text: {@link #indexedText(int)} is built
 * without it (tested).
 *
 * <p>Thread safety: immutable.
 *
 * <p>Book: chapter 4, "Data preparation" and "Offline metrics" (one relevant video per query).
 */
public final class SearchCorpus {
  private final List<Video> videos;
  private final List<String> indexedText;
  private final SearchQuery[] queryOf;

  private SearchCorpus(List<Video> videos, List<String> indexedText, SearchQuery[] queryOf) {
    this.videos = videos;
    this.indexedText = indexedText;
    this.queryOf = queryOf;
  }

  /**
   * Applies the protocol.
   *
   * @param videos the catalogue, ids {@code 0 .. n-1} in list order
   */
  public static SearchCorpus of(List<Video> videos) {
    List<String> text = new ArrayList<>(videos.size());
    SearchQuery[] queries = new SearchQuery[videos.size()];
    for (int i = 0; i < videos.size(); i++) {
      Video v = videos.get(i);
      if (v.id() != i) {
        throw new IllegalArgumentException("video at index " + i + " has id " + v.id());
      }
      List<Description> ds = v.descriptions();
      if (ds.size() < 2) {
        text.add(ds.getFirst().text());
        continue;
      }
      Description held = ds.getFirst(); // smallest annotation_id: descriptions are sorted by it
      queries[i] = new SearchQuery(v.id(), held.annotationId(), held.text());
      text.add(join(ds, held.annotationId()));
    }
    return new SearchCorpus(List.copyOf(videos), List.copyOf(text), queries);
  }

  /**
   * The descriptions of a list joined by {@code " . "}, leaving out one annotation id (or none with
   * -1).
   */
  public static String join(List<Description> ds, int leaveOut) {
    StringBuilder sb = new StringBuilder();
    for (Description d : ds) {
      if (d.annotationId() == leaveOut) {
        continue;
      }
      if (!sb.isEmpty()) {
        sb.append(" . ");
      }
      sb.append(d.text());
    }
    return sb.toString();
  }

  /** The catalogue size. */
  public int size() {
    return videos.size();
  }

  /** The videos, by id. */
  public List<Video> videos() {
    return videos;
  }

  /** One video. */
  public Video video(int id) {
    return videos.get(id);
  }

  /** The text indexed for a video: its descriptions except its held-out query. */
  public String indexedText(int videoId) {
    return indexedText.get(videoId);
  }

  /** The held-out query of a video, or null when it has a single description. */
  public SearchQuery queryOf(int videoId) {
    return queryOf[videoId];
  }

  /** The queries of the given videos, in that order, skipping videos without one. */
  public List<SearchQuery> queries(int[] videoIds) {
    List<SearchQuery> out = new ArrayList<>(videoIds.length);
    for (int v : videoIds) {
      if (queryOf[v] != null) {
        out.add(queryOf[v]);
      }
    }
    return out;
  }
}
