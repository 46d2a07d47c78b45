package dev.mlsd.recommendation.serving;

import dev.mlsd.core.ann.TopKCollector;
import dev.mlsd.core.ann.VectorIndex;
import dev.mlsd.core.inference.Scratch;
import dev.mlsd.recommendation.features.UserRequest;
import dev.mlsd.recommendation.model.GenreModel;
import dev.mlsd.recommendation.model.TopItems;
import dev.mlsd.recommendation.model.TwoTowerScorer;
import dev.mlsd.recommendation.model.WalsScorer;
import java.util.function.IntPredicate;

/**
 * The pipeline's request type: the user's history and time ({@link #user}), and every per-thread
 * buffer the stages need, made once and reused, so that serving a request allocates nothing per
 * candidate. {@link RecommendationService#prepare} fills the request-time features (user
 * embeddings, trending counts, item-kNN and genre scores over the catalogue, the watched marks);
 * the stages only read them.
 *
 * <p>Not thread-safe: one per thread ({@link RecommendationService#newRequest()}).
 */
public final class RecoRequest {
  /** The user's history and the request time; fill it, then call prepare. */
  public final UserRequest user = new UserRequest(256);

  final boolean[] seen;
  final int[] marked;
  int markedCount;
  final IntPredicate notSeen;

  final float[] towerUser;
  final float[] walsUser;
  final float[] trending;
  final float[] knn;
  final float[] genre;
  float userMeanYear;
  float userLogCount;
  float userLikedShare;
  float userMeanStars;

  final TopItems top;
  final int[] topIds;
  final TopKCollector collector;
  final VectorIndex.Searcher towerSearcher;
  final VectorIndex.Searcher walsSearcher;
  final TwoTowerScorer tower;
  final WalsScorer wals;
  final GenreModel genreModel;
  final Scratch rankerScratch;
  final float[] rankerOut;
  final int[] storeIds = new int[1];
  final float[] storeRow;

  RecoRequest(RecommendationService s) {
    int items = s.models().catalog().size();
    seen = new boolean[items];
    marked = new int[items];
    notSeen = id -> !seen[id];
    // one extra component, always 0: the HNSW indexes hold MIPS-augmented vectors
    towerUser = new float[s.models().tower().dimension() + 1];
    walsUser = new float[s.models().wals().factors() + 1];
    trending = new float[items];
    knn = new float[items];
    genre = new float[items];
    int maxN = s.maxPerGenerator();
    top = new TopItems(maxN);
    topIds = new int[maxN];
    collector = new TopKCollector(maxN);
    towerSearcher = s.models().towerIndex().newSearcher();
    walsSearcher = s.models().walsIndex().newSearcher();
    tower = s.models().tower().copyForThread();
    wals = new WalsScorer(s.models().wals());
    genreModel = new GenreModel(s.models().catalog(), s.models().popularity());
    rankerScratch =
        s.models().ranker() == null ? null : s.models().ranker().newScratch(s.maxCandidates());
    rankerOut = new float[s.maxCandidates()];
    storeRow = new float[s.models().tower().dimension() + s.models().wals().factors() + 4];
  }

  /** Whether the item is in the request's history. */
  public boolean seen(int item) {
    return seen[item];
  }
}
