package dev.mlsd.harmful.serving;

/** Why a post is in the human review queue. */
public enum ReviewReason {
  /** The model's confidence was between the low and high thresholds: demoted pending review. */
  DEMOTED,
  /** A user reported a post the system had allowed. */
  USER_REPORT,
  /** The author appealed a removal or demotion. */
  APPEAL
}
