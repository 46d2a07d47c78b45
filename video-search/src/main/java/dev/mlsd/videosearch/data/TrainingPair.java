package dev.mlsd.videosearch.data;

import java.util.ArrayList;
import java.util.List;

/**
 * One positive (query, video) pair for contrastive training: a description of a training video as
 * the query, and the video's <em>other</em> descriptions as the text its video tower reads. The
 * other videos of the training batch are the negatives.
 *
 * @param videoId the training video
 * @param query the description used as the query
 * @param videoText the video's other descriptions, joined
 *     <p>Book: chapter 4, "Model training" (contrastive, in-batch negatives).
 */
public record TrainingPair(int videoId, String query, String videoText) {

  /**
   * Every pair of the training videos: each description of a video with at least two descriptions
   * becomes one query against the rest of that video's descriptions. Videos outside {@code
   * trainVideos} contribute nothing.
   *
   * @param corpus the catalogue
   * @param trainVideos the training videos of the split
   */
  public static List<TrainingPair> of(SearchCorpus corpus, int[] trainVideos) {
    List<TrainingPair> out = new ArrayList<>();
    for (int v : trainVideos) {
      List<Description> ds = corpus.video(v).descriptions();
      if (ds.size() < 2) {
        continue;
      }
      for (Description d : ds) {
        out.add(new TrainingPair(v, d.text(), SearchCorpus.join(ds, d.annotationId())));
      }
    }
    return out;
  }
}
