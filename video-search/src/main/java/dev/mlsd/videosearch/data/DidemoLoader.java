package dev.mlsd.videosearch.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsd.core.data.ReadReport;
import dev.mlsd.core.data.RowProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads DiDeMo's annotation files ({@code val_data.json}, {@code test_data.json}: JSON arrays of
 * {@code {"video", "description", "annotation_id", ...}}) into videos with their descriptions.
 * DiDeMo's own split is ignored: {@link VideoSplit} splits the videos again, seeded.
 *
 * <p>Every record is accepted or counted as malformed, never dropped silently: a missing or blank
 * {@code video} or {@code description}, a non-integer {@code annotation_id}, a video name without
 * an uploader prefix, or an {@code annotation_id} seen before.
 *
 * <p>Thread safety: stateless.
 *
 * <p>Book: chapter 4, "Data preparation".
 */
public final class DidemoLoader {
  /** The annotation files read, in order. */
  public static final List<String> FILES = List.of("val_data.json", "test_data.json");

  private static final int KEPT_PROBLEMS = 5;

  private DidemoLoader() {}

  /**
   * The videos and what the reader saw.
   *
   * @param videos the videos, ids {@code 0 .. n-1} in name order
   * @param reports one per file read
   */
  public record Loaded(List<Video> videos, List<ReadReport> reports) {
    /** Copies. */
    public Loaded {
      videos = List.copyOf(videos);
      reports = List.copyOf(reports);
    }

    /** The number of descriptions over all videos. */
    public int descriptions() {
      int n = 0;
      for (Video v : videos) {
        n += v.descriptions().size();
      }
      return n;
    }
  }

  /**
   * Reads the annotation files of a DiDeMo directory.
   *
   * @param dir the directory holding {@link #FILES}
   * @throws IOException if a file cannot be read or is not a JSON array
   */
  public static Loaded load(Path dir) throws IOException {
    Map<String, List<Description>> byVideo = new TreeMap<>();
    Set<Integer> seen = new HashSet<>();
    List<ReadReport> reports = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    for (String file : FILES) {
      reports.add(read(dir.resolve(file), mapper, byVideo, seen));
    }
    List<Video> videos = new ArrayList<>(byVideo.size());
    for (Map.Entry<String, List<Description>> e : byVideo.entrySet()) {
      List<Description> ds = new ArrayList<>(e.getValue());
      ds.sort(Comparator.comparingInt(Description::annotationId));
      videos.add(new Video(videos.size(), e.getKey(), Video.uploaderOf(e.getKey()), ds));
    }
    return new Loaded(videos, reports);
  }

  private static ReadReport read(
      Path file, ObjectMapper mapper, Map<String, List<Description>> byVideo, Set<Integer> seen)
      throws IOException {
    long rows = 0;
    long accepted = 0;
    List<RowProblem> problems = new ArrayList<>();
    long malformed = 0;
    try (JsonParser p = mapper.getFactory().createParser(Files.newInputStream(file))) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException(file + ": expected a JSON array of annotations");
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        rows++;
        JsonNode n = mapper.readTree(p);
        String reason = accept(n, byVideo, seen);
        if (reason == null) {
          accepted++;
        } else {
          malformed++;
          if (problems.size() < KEPT_PROBLEMS) {
            problems.add(new RowProblem(rows, reason));
          }
        }
      }
    }
    return new ReadReport(file.getFileName().toString(), rows, accepted, malformed, problems);
  }

  /** Adds one record; returns null when accepted, else the reason it is malformed. */
  static String accept(JsonNode n, Map<String, List<Description>> byVideo, Set<Integer> seen) {
    JsonNode video = n.get("video");
    JsonNode text = n.get("description");
    JsonNode id = n.get("annotation_id");
    if (video == null || !video.isTextual() || video.asText().isBlank()) {
      return "missing video";
    }
    if (text == null || !text.isTextual() || text.asText().isBlank()) {
      return "missing description";
    }
    if (id == null || !id.canConvertToInt() || !id.isIntegralNumber()) {
      return "annotation_id is not an integer";
    }
    if (video.asText().indexOf('_') <= 0) {
      return "video name has no uploader prefix";
    }
    if (!seen.add(id.intValue())) {
      return "annotation_id " + id.intValue() + " seen before";
    }
    byVideo
        .computeIfAbsent(video.asText(), k -> new ArrayList<>())
        .add(new Description(id.intValue(), text.asText()));
    return null;
  }
}
