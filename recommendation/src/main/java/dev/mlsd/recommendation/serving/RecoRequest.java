package dev.mlsd.recommendation.serving;

import dev.mlsd.core.serving.retrieval.QueryVector;
import dev.mlsd.recommendation.features.UserRequest;
import dev.mlsd.recommendation.model.GenreModel;
import dev.mlsd.recommendation.model.TopItems;
import dev.mlsd.recommendation.model.TwoTowerScorer;
import dev.mlsd.recommendation.model.WalsScorer;
import java.util.function.IntPredicate;

/**
 * The pipeline's request type: the query, that is the user's history and time ({@link #user}), and
 * what query hydration ({@link UserQueryHydrator}) derives from it (the watched marks, the user
 * embeddings, trending counts, item-kNN and genre scores over the catalogue), made once per thread
 * and reused so that serving a request allocates nothing. The later stages only read it; their own
 * scratch (ANN searchers, the ranker's buffers) lives in the stages.
 *
 * <p>Not thread-safe: one per thread ({@link RecommendationService#newRequest()}).
 */
public final class RecoRequest {
  /** The user's history and the request time; fill it, then call prepare. */
  public final UserRequest user = new UserRequest(256);

  /** The two-tower user embedding, MIPS-augmented, and the watched videos as the search filter. */
  static final QueryVector<RecoRequest> TOWER_QUERY =
      new QueryVector<>() {
        @Override
        public float[] vector(RecoRequest q) {
          return q.towerUser;
        }

        @Override
        public IntPredicate filter(RecoRequest q) {
          return q.notSeen;
        }
      };

  /** The WALS user factor, MIPS-augmented, and the watched videos as the search filter. */
  static final QueryVector<RecoRequest> WALS_QUERY =
      new QueryVector<>() {
        @Override
        public float[] vector(RecoRequest q) {
          return q.walsUser;
        }

        @Override
        public IntPredicate filter(RecoRequest q) {
          return q.notSeen;
        }
      };

  /** Where a known user's materialised state is read from, or null: compute it online. */
  UserStateFeatures userState;

  final boolean[] seen;
  final int[] marked;
  int markedCount;
  final IntPredicate notSeen;

  final float[] towerUser;
  final float[] walsUser;
  final float[] trending;
  final float[] knn;
  final float[] genre;
  final float[] ease;
  final float[] easeRecent;
  float userMeanYear;
  float userLogCount;
  float userLikedShare;
  float userMeanStars;

  final TopItems top;
  final int[] topIds;
  final TwoTowerScorer tower;
  final WalsScorer wals;
  final GenreModel genreModel;
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
    ease = new float[items];
    easeRecent = new float[items];
    int maxN = s.maxPerGenerator();
    top = new TopItems(maxN);
    topIds = new int[maxN];
    tower = s.models().tower().copyForThread();
    wals = new WalsScorer(s.models().wals());
    genreModel = new GenreModel(s.models().catalog(), s.models().popularity());
    storeRow = new float[s.models().tower().dimension() + s.models().wals().factors() + 4];
  }

  /** Whether the item is in the request's history. */
  public boolean seen(int item) {
    return seen[item];
  }
}
