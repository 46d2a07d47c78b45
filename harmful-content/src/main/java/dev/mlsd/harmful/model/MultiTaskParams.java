package dev.mlsd.harmful.model;

import dev.mlsd.harmful.data.LabelWeights;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Training parameters of {@link MultiTaskNetwork}.
 *
 * @param trunk widths of the shared dense layers (ReLU), first to last, at least one
 * @param dropout dropout probability on the shared layers' inputs after the first, in [0, 1)
 * @param learningRate Adam's learning rate
 * @param l2 L2 weight decay
 * @param batchSize examples per mini-batch
 * @param maxEpochs the most passes over the training data
 * @param patience epochs without a better validation loss before stopping early
 * @param loss the per-task loss
 * @param labelWeights how each example is weighted in the loss
 * @param idfWeighting whether the n-gram bag weights each id by its training IDF (tf-idf input)
 * @param classHead whether a third head, a softmax over Davidson et al.'s three classes, is trained
 *     beside the two binary heads (its cross-entropy added to the loss); it is used offline for the
 *     three-class decision and not served
 * @param hateClassWeight how much a hate post counts in the hate head's loss, a non-hate post
 *     counting 1 (class weighting for the 6% minority; 1 is unweighted); it weights the positive
 *     term of the head's loss, focal or not ({@link FocalLoss#classWeighted})
 */
public record MultiTaskParams(
    int[] trunk,
    double dropout,
    double learningRate,
    double l2,
    int batchSize,
    int maxEpochs,
    int patience,
    LossChoice loss,
    LabelWeights labelWeights,
    boolean idfWeighting,
    boolean classHead,
    double hateClassWeight) {

  /**
   * The demo's setting. The learning rate, 3e-3, was chosen on the validation split over {1e-3,
   * 3e-3} (seed 42: validation hate PR-AUC 0.404 after 6 epochs against 0.411 after 2, and macro-F1
   * 0.735 against 0.756); early stopping then keeps epoch 2 or 3 of at most 5.
   */
  public static final MultiTaskParams DEFAULT =
      new MultiTaskParams(
          new int[] {128, 64},
          0.2,
          3e-3,
          1e-5,
          128,
          5,
          2,
          LossChoice.CROSS_ENTROPY,
          LabelWeights.UNIFORM,
          false,
          false,
          1);

  /** Checks the values. */
  public MultiTaskParams {
    if (trunk.length == 0 || Arrays.stream(trunk).anyMatch(w -> w < 1)) {
      throw new IllegalArgumentException("trunk needs at least one layer of width >= 1");
    }
    trunk = trunk.clone();
    if (!(dropout >= 0 && dropout < 1)
        || !(learningRate > 0)
        || batchSize < 1
        || maxEpochs < 1
        || !(hateClassWeight > 0)) {
      throw new IllegalArgumentException("bad training parameters");
    }
  }

  /** The same with another loss. */
  public MultiTaskParams withLoss(LossChoice l) {
    return new MultiTaskParams(
        trunk,
        dropout,
        learningRate,
        l2,
        batchSize,
        maxEpochs,
        patience,
        l,
        labelWeights,
        idfWeighting,
        classHead,
        hateClassWeight);
  }

  /** The same with another epoch budget. */
  public MultiTaskParams withMaxEpochs(int epochs) {
    return new MultiTaskParams(
        trunk,
        dropout,
        learningRate,
        l2,
        batchSize,
        epochs,
        patience,
        loss,
        labelWeights,
        idfWeighting,
        classHead,
        hateClassWeight);
  }

  /** The same with or without IDF weighting of the n-gram bag. */
  public MultiTaskParams withIdfWeighting(boolean idf) {
    return new MultiTaskParams(
        trunk,
        dropout,
        learningRate,
        l2,
        batchSize,
        maxEpochs,
        patience,
        loss,
        labelWeights,
        idf,
        classHead,
        hateClassWeight);
  }

  /** The same with other label weights. */
  public MultiTaskParams withLabelWeights(LabelWeights w) {
    return new MultiTaskParams(
        trunk,
        dropout,
        learningRate,
        l2,
        batchSize,
        maxEpochs,
        patience,
        loss,
        w,
        idfWeighting,
        classHead,
        hateClassWeight);
  }

  /** The same with or without the three-class head. */
  public MultiTaskParams withClassHead(boolean head) {
    return new MultiTaskParams(
        trunk,
        dropout,
        learningRate,
        l2,
        batchSize,
        maxEpochs,
        patience,
        loss,
        labelWeights,
        idfWeighting,
        head,
        hateClassWeight);
  }

  /** The same with another weight of the hate posts in the hate head's loss. */
  public MultiTaskParams withHateClassWeight(double w) {
    return new MultiTaskParams(
        trunk,
        dropout,
        learningRate,
        l2,
        batchSize,
        maxEpochs,
        patience,
        loss,
        labelWeights,
        idfWeighting,
        classHead,
        w);
  }

  /** The hyper-parameters for a model card. */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("trunk", Arrays.toString(trunk));
    m.put("dropout", Double.toString(dropout));
    m.put("learning_rate", Double.toString(learningRate));
    m.put("l2", Double.toString(l2));
    m.put("batch_size", Integer.toString(batchSize));
    m.put("max_epochs", Integer.toString(maxEpochs));
    m.put("loss", loss.describe() + " per task, summed");
    m.put("label_weights", labelWeights.name());
    m.put("ngram_weighting", idfWeighting ? "tf-idf (IDF from training)" : "tf");
    m.put("hate_class_weight", Double.toString(hateClassWeight));
    m.put("class_head", classHead ? "softmax over 3 classes (offline only)" : "none");
    return m;
  }
}
