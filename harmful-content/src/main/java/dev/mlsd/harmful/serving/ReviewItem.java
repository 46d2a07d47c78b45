package dev.mlsd.harmful.serving;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One post waiting for a human reviewer.
 *
 * @param postId the post
 * @param text its text
 * @param reason why it is queued
 * @param category the category the system suspected ("hate", "offensive", or "" if none)
 * @param pHate the model's hate probability
 * @param pOffensive the model's offensive probability
 * @param enqueuedAtMillis when it was queued, epoch milliseconds
 */
public record ReviewItem(
    long postId,
    String text,
    ReviewReason reason,
    String category,
    float pHate,
    float pOffensive,
    long enqueuedAtMillis) {

  /** The item as string fields (the Redis Stream entry). */
  Map<String, String> toFields() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("postId", Long.toString(postId));
    m.put("text", text);
    m.put("reason", reason.name());
    m.put("category", category);
    m.put("pHate", Float.toString(pHate));
    m.put("pOffensive", Float.toString(pOffensive));
    m.put("enqueuedAt", Long.toString(enqueuedAtMillis));
    return m;
  }

  /** The item from string fields; throws IllegalArgumentException when a field is missing. */
  static ReviewItem fromFields(Map<String, String> m) {
    try {
      return new ReviewItem(
          Long.parseLong(m.get("postId")),
          java.util.Objects.requireNonNull(m.get("text"), "text"),
          ReviewReason.valueOf(m.get("reason")),
          m.getOrDefault("category", ""),
          Float.parseFloat(m.get("pHate")),
          Float.parseFloat(m.get("pOffensive")),
          Long.parseLong(m.get("enqueuedAt")));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed review entry " + m.keySet() + ": " + e, e);
    }
  }
}
