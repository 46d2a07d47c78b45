/**
 * The offline pipelines of the book's systems on Apache Spark, for logs that outgrow one JVM:
 * {@link dev.mlsd.batch.BatchJobs} runs each job from the command line. Packages in the book's
 * order: {@code data} (impression logs as Spark datasets, the synthetic log), {@code features}
 * (batch features, training-data generation, popularity and co-occurrence counts), {@code model}
 * (ALS on Spark MLlib), {@code evaluation} (ALS beside WALS, the scale simulation), {@code serving}
 * (materialisation into the feature store).
 */
package dev.mlsd.batch;
