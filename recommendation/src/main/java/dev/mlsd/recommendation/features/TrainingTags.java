package dev.mlsd.recommendation.features;

import dev.mlsd.recommendation.data.Tag;
import dev.mlsd.recommendation.data.TimeSplit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tags that may be known at training time: applied by a warm user before that user's validation
 * period starts. Tags from cold-start users and from later dates would leak the future into the
 * video features.
 */
public final class TrainingTags {
  private TrainingTags() {}

  /**
   * @param tags all tags
   * @param split the split
   * @return the tags known at training time, in input order
   */
  public static List<Tag> of(List<Tag> tags, TimeSplit split) {
    var log = split.interactions();
    Map<Integer, Integer> userIndex = new HashMap<>();
    for (int u = 0; u < log.userCount(); u++) {
      userIndex.put(log.userId(u), u);
    }
    List<Tag> out = new ArrayList<>();
    for (Tag t : tags) {
      Integer u = userIndex.get(t.userId());
      if (u == null || split.isCold(u)) {
        continue;
      }
      if (t.timestamp() < split.trainCutoff(u)) {
        out.add(t);
      }
    }
    return out;
  }
}
