package dev.mlsd.videosearch.data;

/**
 * One evaluation query: a description held out of the catalogue, whose video is the single relevant
 * result.
 *
 * @param videoId the relevant video
 * @param annotationId the held-out description's DiDeMo id
 * @param text the query text as the annotator wrote it
 */
public record SearchQuery(int videoId, int annotationId, String text) {}
