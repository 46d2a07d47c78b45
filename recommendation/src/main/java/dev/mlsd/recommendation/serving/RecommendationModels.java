package dev.mlsd.recommendation.serving;

import dev.mlsd.core.ann.HnswIndex;
import dev.mlsd.core.inference.InferenceGraph;
import dev.mlsd.recommendation.data.Catalog;
import dev.mlsd.recommendation.features.FeaturePipeline;
import dev.mlsd.recommendation.model.EaseModel;
import dev.mlsd.recommendation.model.ItemKnnModel;
import dev.mlsd.recommendation.model.PopularityModel;
import dev.mlsd.recommendation.model.TrendingModel;
import dev.mlsd.recommendation.model.TwoTowerScorer;
import dev.mlsd.recommendation.model.Wals;

/**
 * Everything the serving path reads, all trained or computed offline (batch): the catalogue, the
 * shared feature pipeline, the retrieval models and their HNSW indexes, the per-item batch
 * features, and the ranking model (null while the ranker itself is being trained).
 *
 * @param catalog the videos
 * @param features the shared feature pipeline
 * @param wals the WALS model (item factors; fold-in for users)
 * @param tower the served two-tower model (its scratch is never used; threads copy it)
 * @param popularity training popularity
 * @param trending recent popularity
 * @param itemKnn item-kNN
 * @param ease EASE as served: B pruned to its largest entries per row, {@code λ} chosen on
 *     validation
 * @param easeHalfLife the recency half-life (watches) of EASE's history weights, chosen on
 *     validation; 0 for equal weights
 * @param itemMeanStars smoothed mean stars per item, from training rows
 * @param franchise a franchise id per item (see {@link
 *     dev.mlsd.recommendation.data.TitleParser#franchiseKey})
 * @param towerIndex HNSW over the video tower's outputs, MIPS-augmented (one more component; see
 *     RecommendationSystem.index), inner product, ids = item indices
 * @param walsIndex HNSW over the WALS item factors, MIPS-augmented, inner product, ids = item
 *     indices
 * @param ranker the exported DNN ranker, or null
 */
public record RecommendationModels(
    Catalog catalog,
    FeaturePipeline features,
    Wals wals,
    TwoTowerScorer tower,
    PopularityModel popularity,
    TrendingModel trending,
    ItemKnnModel itemKnn,
    EaseModel ease,
    double easeHalfLife,
    float[] itemMeanStars,
    int[] franchise,
    HnswIndex towerIndex,
    HnswIndex walsIndex,
    InferenceGraph ranker) {

  /** The same models with another ranker. */
  public RecommendationModels withRanker(InferenceGraph r) {
    return new RecommendationModels(
        catalog,
        features,
        wals,
        tower,
        popularity,
        trending,
        itemKnn,
        ease,
        easeHalfLife,
        itemMeanStars,
        franchise,
        towerIndex,
        walsIndex,
        r);
  }
}
