/**
 * How the Spark jobs are judged: ALS on Spark beside the recommendation module's WALS by the
 * module's own evaluator, and the scale simulation (in-process against Spark on synthetic logs of
 * growing size). Book: chapter 6, "Evaluation"; chapter 1, "Scaling".
 */
package dev.mlsd.batch.evaluation;
