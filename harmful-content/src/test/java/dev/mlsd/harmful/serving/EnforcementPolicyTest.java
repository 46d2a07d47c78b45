package dev.mlsd.harmful.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EnforcementPolicyTest {
  private final EnforcementPolicy policy =
      new EnforcementPolicy(
          new EnforcementThresholds(new float[] {0.3f, 0.7f}, new float[] {0.8f, 0.95f}));

  @Test
  void routesAtTheBoundariesInclusively() {
    assertEquals(Action.REMOVE, policy.route(new float[] {0.8f, 0f}));
    assertEquals(Action.DEMOTE, policy.route(new float[] {Math.nextDown(0.8f), 0f}));
    assertEquals(Action.DEMOTE, policy.route(new float[] {0.3f, 0f}));
    assertEquals(Action.ALLOW, policy.route(new float[] {Math.nextDown(0.3f), 0f}));
    assertEquals(Action.REMOVE, policy.route(new float[] {0f, 0.95f}));
    assertEquals(Action.DEMOTE, policy.route(new float[] {0f, 0.7f}));
    assertEquals(Action.ALLOW, policy.route(new float[] {0.29f, 0.69f}));
  }

  @Test
  void theReasonIsTheMostSevereCategoryThatTriggered() {
    float[] both = {0.85f, 0.99f};
    assertEquals(0, policy.reason(both, policy.route(both)));
    float[] offensiveRemovesHateDemotes = {0.5f, 0.96f};
    assertEquals(Action.REMOVE, policy.route(offensiveRemovesHateDemotes));
    assertEquals(1, policy.reason(offensiveRemovesHateDemotes, Action.REMOVE));
    assertEquals(-1, policy.reason(new float[] {0f, 0f}, Action.ALLOW));
  }

  @Test
  void anUnreachableTargetMeansNeverAndLowIsCappedAtHigh() {
    EnforcementThresholds t =
        new EnforcementThresholds(
            new float[] {0.9f, Float.POSITIVE_INFINITY},
            new float[] {0.5f, Float.POSITIVE_INFINITY});
    assertEquals(0.5f, t.low(0), "a low above its high is lowered to it");
    EnforcementPolicy p = new EnforcementPolicy(t);
    assertEquals(Action.REMOVE, p.route(new float[] {0.5f, 1f}));
    assertEquals(Action.ALLOW, p.route(new float[] {0.4f, 1f}));
  }
}
