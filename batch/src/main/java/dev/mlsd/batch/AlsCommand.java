package dev.mlsd.batch;

import dev.mlsd.batch.evaluation.AlsBesideWals;
import dev.mlsd.batch.model.AlsTraining;
import dev.mlsd.core.demo.UserError;
import dev.mlsd.recommendation.RecommendationSystem;
import dev.mlsd.recommendation.data.MovieLensLoader;
import dev.mlsd.recommendation.evaluation.EvaluationSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code als}: Spark MLlib's implicit ALS on the recommendation module's split, evaluated by the
 * module's evaluator beside WALS and popularity.
 */
@Command(
    name = "als",
    mixinStandardHelpOptions = true,
    description = {
      "Spark MLlib ALS (implicit) on MovieLens with the recommendation module's split, evaluated"
          + " by the module's evaluator as a peer row beside WALS (same k, same fold-in serving)."
    })
final class AlsCommand implements Callable<Integer> {
  @Mixin JobOptions job;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "master seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--reg",
      defaultValue = "0.01",
      description =
          "ALS regParam, chosen on validation over 0.01 and 0.05 (default ${DEFAULT-VALUE})")
  double reg;

  @Option(
      names = "--alpha",
      defaultValue = "1",
      description =
          "ALS confidence scale alpha, chosen on validation over 1 and 5 (default ${DEFAULT-VALUE})")
  double alpha;

  @Option(names = "--iterations", defaultValue = "15", description = "default ${DEFAULT-VALUE}")
  int iterations;

  @Option(
      names = "--part",
      defaultValue = "TEST",
      description = "held-out part: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
  EvaluationSet.Part part;

  @Override
  public Integer call() throws Exception {
    RecommendationSystem.Params p = RecommendationSystem.Params.defaults(seed);
    AlsTraining als;
    try {
      als = new AlsTraining(p.wals().factors(), iterations, reg, alpha, p.wals().seed());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    AlsBesideWals result = AlsBesideWals.run(job.spark(), MovieLensLoader.load(), p, als, part);
    System.out.printf(
        "ALS (rank %d, %d iterations, regParam %s, alpha %s) beside WALS, %s users:%n",
        als.rank(), iterations, reg, alpha, part.name().toLowerCase(java.util.Locale.ROOT));
    System.out.print(result.describe());
    return 0;
  }
}
