/**
 * Step 7 of the book's framework, serving and monitoring: the enforcement pipeline. {@link
 * dev.mlsd.harmful.serving.HarmfulContentDetectionService} scores a post; {@link
 * dev.mlsd.harmful.serving.EnforcementPolicy} routes it; {@link
 * dev.mlsd.harmful.serving.ViolationEnforcementService} removes it (and tells the author why) or
 * {@link dev.mlsd.harmful.serving.DemotingService} demotes it into the human {@link
 * dev.mlsd.harmful.serving.ReviewQueue} (in memory, or a Redis Stream); reviewer decisions go to
 * the {@link dev.mlsd.harmful.serving.TrainingLog}; {@link dev.mlsd.harmful.serving.OnlineMetrics}
 * counts prevalence, harmful impressions, proactive rate, user reports and valid appeals. {@link
 * dev.mlsd.harmful.serving.EnforcementPipeline} wires them in run order and {@link
 * dev.mlsd.harmful.serving.HarmfulContentServer} puts them on HTTP; {@link
 * dev.mlsd.harmful.serving.StreamReplay} replays test posts through it with simulated users,
 * authors and reviewers.
 *
 * <p>Book: chapter 5, "Serving" and "Evaluation: online metrics".
 */
package dev.mlsd.harmful.serving;
