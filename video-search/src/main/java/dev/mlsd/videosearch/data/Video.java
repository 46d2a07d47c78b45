package dev.mlsd.videosearch.data;

import java.util.List;

/**
 * One video of the catalogue with every description DiDeMo has for it.
 *
 * @param id the dense video id, {@code 0 .. videos - 1}, assigned in order of {@link #name()}
 * @param name the DiDeMo video name, e.g. {@code 26292851@N04_4253489686_265c3c8051.m4v}
 * @param uploader the Flickr user id, the part of the name before the first {@code _}
 * @param descriptions the descriptions, in ascending {@link Description#annotationId()} order
 */
public record Video(int id, String name, String uploader, List<Description> descriptions) {
  /** Validates and copies. */
  public Video {
    if (id < 0) {
      throw new IllegalArgumentException("video id must be >= 0, got " + id);
    }
    descriptions = List.copyOf(descriptions);
    if (descriptions.isEmpty()) {
      throw new IllegalArgumentException("video " + name + " has no description");
    }
  }

  /**
   * The uploader of a DiDeMo video name: the Flickr user id before the first underscore.
   *
   * @throws IllegalArgumentException if the name has no underscore
   */
  public static String uploaderOf(String name) {
    int cut = name.indexOf('_');
    if (cut <= 0) {
      throw new IllegalArgumentException("video name has no uploader prefix: " + name);
    }
    return name.substring(0, cut);
  }
}
