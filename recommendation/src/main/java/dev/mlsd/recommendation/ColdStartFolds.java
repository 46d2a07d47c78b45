package dev.mlsd.recommendation;

import dev.mlsd.core.demo.DemoLauncher;
import dev.mlsd.core.demo.UserError;
import dev.mlsd.core.metrics.uncertainty.Bootstrap;
import dev.mlsd.core.metrics.uncertainty.ConfidenceInterval;
import dev.mlsd.recommendation.data.MovieLensData;
import dev.mlsd.recommendation.data.MovieLensLoader;
import dev.mlsd.recommendation.data.TimeSplit;
import dev.mlsd.recommendation.evaluation.EvaluationSet;
import dev.mlsd.recommendation.evaluation.MetricRow;
import dev.mlsd.recommendation.model.TrainingProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cold-start comparison on enough users to resolve a 10% difference. The demo holds out 10% of
 * the users (61 of MovieLens's 610), too few; holding out more would take training data from the
 * warm users. Instead the users are cut into disjoint folds of the demo's size along the split's
 * own seeded shuffle ({@link TimeSplit.Params#coldOffset()}): fold 0 is exactly the demo's
 * hold-out, fold k the next 61 users. Each fold retrains the whole system with that fold held out
 * (everything else as shipped, same seeds) and scores its cold users as the demo does (first 5 rows
 * as history, the rest as targets, full ranking). Users of different folds are different people, so
 * the per-user results pool into one paired bootstrap over all of them.
 *
 * <p>Each fold appends its users to a tab-separated file ({@code fold, userId, popularity, EASE,
 * ranked pipeline}, nDCG@10), so folds can run in separate jobs; {@code --pool} reads the file and
 * prints the pooled comparison, of every fold or of {@code --pool-folds} only. "Ranked pipeline" is
 * the pipeline without the cold-start fallback: these folds are where the fallback's cut-off is
 * chosen ({@link dev.mlsd.recommendation.serving.ServingParams#defaults()}: on folds 5-9, the
 * demo's fold 0 kept out of the choice, then reported on folds 0-4).
 *
 * <p>Run: {@code mvn -pl recommendation exec:java
 * -Dexec.mainClass=dev.mlsd.recommendation.ColdStartFolds -Dexec.args="--folds 0,1,2 --tsv
 * cold.tsv"}, then {@code -Dexec.args="--pool --tsv cold.tsv"}.
 *
 * <p>Book: chapter 6, "Evaluation" and "Challenges" (cold start).
 */
@Command(
    name = "cold-start-folds",
    mixinStandardHelpOptions = true,
    description = "Cold-start users pooled over disjoint hold-out folds (book chapter 6).")
public final class ColdStartFolds implements Callable<Integer> {
  /** The difference the pooled interval must resolve, as a share of popularity's nDCG@10. */
  public static final double RESOLVE = 0.10;

  @Option(names = "--folds", split = ",", description = "folds to run, e.g. 0,1,2")
  int[] folds = new int[0];

  @Option(names = "--tsv", required = true, description = "per-user results (appended)")
  Path tsv;

  @Option(names = "--pool", description = "print the pooled comparison of the file")
  boolean pool;

  @Option(
      names = "--pool-folds",
      split = ",",
      description = "with --pool: only these folds' users (default: every fold in the file)")
  int[] poolFolds = new int[0];

  @Option(names = "--seed", defaultValue = "42", description = "master seed (default 42)")
  long seed;

  /**
   * One cold-start user's nDCG@10 under three recommenders.
   *
   * @param fold the fold that held the user out
   * @param userId MovieLens user id
   * @param popularity the popularity baseline
   * @param ease EASE alone
   * @param pipeline the ranked pipeline (without the cold-start fallback, which serves popularity)
   */
  public record UserScore(int fold, int userId, double popularity, double ease, double pipeline) {}

  /**
   * The pooled comparison.
   *
   * @param users users pooled
   * @param folds distinct folds among them
   * @param popularity popularity's mean nDCG@10
   * @param ease EASE's mean nDCG@10
   * @param pipeline the ranked pipeline's mean nDCG@10
   * @param minusPopularity ranked pipeline minus popularity, paired bootstrap over users
   * @param minusEase ranked pipeline minus EASE, paired bootstrap over users
   */
  public record Pooled(
      int users,
      int folds,
      double popularity,
      double ease,
      double pipeline,
      ConfidenceInterval minusPopularity,
      ConfidenceInterval minusEase) {

    /** Half the width of the interval against popularity. */
    public double halfWidth() {
      return (minusPopularity.upper() - minusPopularity.lower()) / 2;
    }

    /** Whether that half-width is under {@link #RESOLVE} of popularity's nDCG@10. */
    public boolean resolves() {
      return halfWidth() < RESOLVE * popularity;
    }

    /** What it says, a few lines. */
    public String describe() {
      return String.format(
          Locale.ROOT,
          "cold-start users pooled over %d folds: %d users; nDCG@10 popularity %.4f, EASE %.4f,"
              + " ranked pipeline %.4f%n"
              + "ranked pipeline - popularity: %+.4f, 95%% paired bootstrap [%+.4f, %+.4f]%s%n"
              + "ranked pipeline - EASE: %+.4f, 95%% paired bootstrap [%+.4f, %+.4f]%s%n"
              + "half-width %.4f against %.0f%% of popularity %.4f: a %.0f%% difference is %s",
          folds,
          users,
          popularity,
          ease,
          pipeline,
          minusPopularity.estimate(),
          minusPopularity.lower(),
          minusPopularity.upper(),
          minusPopularity.contains(0) ? " (inside the noise)" : " (outside the noise)",
          minusEase.estimate(),
          minusEase.lower(),
          minusEase.upper(),
          minusEase.contains(0) ? " (inside the noise)" : " (outside the noise)",
          halfWidth(),
          RESOLVE * 100,
          RESOLVE * popularity,
          RESOLVE * 100,
          resolves() ? "resolvable" : "not resolvable");
    }
  }

  /**
   * Trains the system with fold {@code fold} held out and scores its cold-start users.
   *
   * @param data the dataset
   * @param p the shipped parameters; only the split's cold offset is changed
   * @param fold 0 for the demo's own hold-out
   * @param progress where training reports to
   */
  public static List<UserScore> fold(
      MovieLensData data, RecommendationSystem.Params p, int fold, TrainingProgress progress) {
    if (fold < 0) {
      throw new IllegalArgumentException("fold must be >= 0, got " + fold);
    }
    int users = data.interactions().userCount();
    int size = (int) Math.round(p.split().coldFraction() * users);
    if (size < 1 || (long) (fold + 1) * size > users) {
      throw new IllegalArgumentException(
          "fold " + fold + " of " + size + " users does not fit in " + users + " users");
    }
    TimeSplit.Params split = p.split().withColdOffset(fold * size);
    RecommendationSystem sys = RecommendationSystem.train(data, p.withSplit(split), progress);
    RecommendationEvaluation.Part cold = RecommendationEvaluation.coldStart(sys);
    MetricRow pop = cold.popularity();
    MetricRow ease = cold.row("baseline: EASE");
    // the ranked pipeline, not the fallback: the folds are what the fallback's cut-off is chosen on
    MetricRow full = cold.rankedPipeline();
    EvaluationSet set = new EvaluationSet(sys.split(), EvaluationSet.Part.COLD_START);
    List<UserScore> out = new ArrayList<>();
    for (int q = 0; q < set.size(); q++) {
      out.add(
          new UserScore(
              fold,
              sys.split().interactions().userId(set.user(q)),
              pop.perQueryNdcg10()[q],
              ease.perQueryNdcg10()[q],
              full.perQueryNdcg10()[q]));
    }
    return out;
  }

  /** The users of the given folds, in file order (to choose on some folds, report on others). */
  public static List<UserScore> ofFolds(List<UserScore> rows, int... folds) {
    java.util.Set<Integer> keep = new java.util.HashSet<>();
    for (int f : folds) {
      keep.add(f);
    }
    return rows.stream().filter(r -> keep.contains(r.fold())).toList();
  }

  /**
   * Pools users of any folds.
   *
   * @param rows the users; a user in two folds is refused (the folds are meant to be disjoint)
   * @param bootstrapSeed seeds the paired bootstrap
   */
  public static Pooled pool(List<UserScore> rows, long bootstrapSeed) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no users to pool");
    }
    int n = rows.size();
    double[] pop = new double[n];
    double[] ease = new double[n];
    double[] full = new double[n];
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    java.util.Set<Integer> folds = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      UserScore r = rows.get(i);
      if (!seen.add(r.userId())) {
        throw new IllegalArgumentException("user " + r.userId() + " is in two folds");
      }
      folds.add(r.fold());
      pop[i] = r.popularity();
      ease[i] = r.ease();
      full[i] = r.pipeline();
    }
    Bootstrap b = Bootstrap.of(bootstrapSeed);
    return new Pooled(
        n,
        folds.size(),
        mean(pop),
        mean(ease),
        mean(full),
        b.pairedMeanDifference(full, pop),
        b.pairedMeanDifference(full, ease));
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Appends users to a tab-separated file (created with its header if missing). */
  public static void append(Path file, List<UserScore> rows) throws IOException {
    StringBuilder sb = new StringBuilder();
    if (!Files.exists(file)) {
      sb.append("fold\tuserId\tpopularity\tease\tpipeline\n");
    }
    for (UserScore r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%d\t%d\t%.6f\t%.6f\t%.6f%n",
              r.fold(),
              r.userId(),
              r.popularity(),
              r.ease(),
              r.pipeline()));
    }
    Files.writeString(
        file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * Reads a file written by {@link #append}.
   *
   * @throws IllegalArgumentException naming the line of a malformed row
   */
  public static List<UserScore> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<UserScore> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split("\t");
      try {
        if (f.length != 5) {
          throw new NumberFormatException(f.length + " fields");
        }
        out.add(
            new UserScore(
                Integer.parseInt(f[0]),
                Integer.parseInt(f[1]),
                Double.parseDouble(f[2]),
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4])));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": malformed (" + e.getMessage() + ")");
      }
    }
    return out;
  }

  @Override
  public Integer call() throws Exception {
    RecommendationSystem.Params p = RecommendationSystem.Params.defaults(seed);
    if (pool) {
      if (!Files.isRegularFile(tsv)) {
        throw new UserError("no such file: " + tsv);
      }
      List<UserScore> rows = read(tsv);
      if (poolFolds.length > 0) {
        rows = ofFolds(rows, poolFolds);
        if (rows.isEmpty()) {
          throw new UserError(
              "no users of folds " + java.util.Arrays.toString(poolFolds) + " in " + tsv);
        }
      }
      System.out.println(pool(rows, p.pairedBootstrapSeed()).describe());
      return 0;
    }
    if (folds.length == 0) {
      throw new UserError("give --folds (e.g. 0,1,2) or --pool");
    }
    MovieLensData data = MovieLensLoader.load();
    for (int f : folds) {
      long t0 = System.nanoTime();
      List<UserScore> rows = fold(data, p, f, TrainingProgress.silent());
      append(tsv, rows);
      Pooled one = pool(rows, p.pairedBootstrapSeed());
      System.out.printf(
          Locale.ROOT,
          "fold %d: %d cold users, popularity %.4f, EASE %.4f, ranked pipeline %.4f, pipeline -"
              + " popularity %+.4f [%+.4f, %+.4f] (%.0f s)%n",
          f,
          one.users(),
          one.popularity(),
          one.ease(),
          one.pipeline(),
          one.minusPopularity().estimate(),
          one.minusPopularity().lower(),
          one.minusPopularity().upper(),
          (System.nanoTime() - t0) / 1e9);
    }
    return 0;
  }

  /** Entry point; see {@code --help}. */
  public static void main(String[] args) {
    DemoLauncher.run(new ColdStartFolds(), args);
  }
}
