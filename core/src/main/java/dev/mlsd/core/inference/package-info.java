/**
 * A fast CPU forward pass for models trained in DL4J: the weights are exported once into an {@link
 * dev.mlsd.core.io.ArtifactFile} of kind {@value dev.mlsd.core.inference.InferenceGraphFile#KIND},
 * and serving loads that file and scores batches of candidates with no DL4J class on the path.
 *
 * <p>The pieces, in the order a request meets them:
 *
 * <ul>
 *   <li>{@link dev.mlsd.core.inference.InferenceGraph}: the model, a list of layers in run order,
 *       each reading earlier nodes; immutable and shared by all threads. Built with {@link
 *       dev.mlsd.core.inference.InferenceGraph.Builder} or loaded with {@link
 *       dev.mlsd.core.inference.InferenceGraphFile}.
 *   <li>{@link dev.mlsd.core.inference.Scratch}: the per-thread activation buffers; one per thread,
 *       reused for every request, so scoring allocates nothing.
 *   <li>{@link dev.mlsd.core.inference.Kernels}: the two numeric primitives (a batched dense
 *       matrix-matrix product and a dot product), with a scalar reference twin ({@link
 *       dev.mlsd.core.inference.ScalarKernels}) and a SIMD one ({@link
 *       dev.mlsd.core.inference.SimdKernels}, {@code jdk.incubator.vector}) tested against it.
 * </ul>
 *
 * <p>Layers: dense with identity, ReLU, leaky ReLU, sigmoid, tanh and softmax; batch-norm folded
 * into the preceding dense layer ({@link dev.mlsd.core.inference.BatchNormFolding}); embedding
 * lookup with sum or mean pooling over a bag of ids; concatenation; element-wise sum; the DCN cross
 * layer and its DCN-V2 matrix form; the factorization machine's second-order term; a dot-product
 * two-tower head; standalone sigmoid and softmax heads; conv2d, max pooling and global average
 * pooling over channels-last (NHWC) images. Every one has a parity test against DL4J's own forward
 * pass (maximum absolute difference at most 1e-5). Exporting from DL4J lives in {@link
 * dev.mlsd.core.inference.dl4j}, the only package here that touches DL4J.
 *
 * <p>Weight layout: every weight matrix is stored as DL4J stores a dense layer's {@code W}, shape
 * {@code [nIn, nOut]}, flattened row-major ('c' order): element {@code (i, j)} at {@code i * nOut +
 * j}. Activations are row-major too: row {@code r} of a node of width {@code w} starts at {@code r
 * * w}.
 *
 * <p>Use, for a DCN trained as a DL4J {@code ComputationGraph} with an {@code
 * EmbeddingSequenceLayer} "emb" (default NCW output), a cross layer and a deep part:
 *
 * <pre>{@code
 * InferenceGraph.Builder b = InferenceGraph.builder(0, fields);          // ids only
 * int x0 = Dl4jExport.addEmbedding(b, 0, fields, cg.getLayer("emb"), Pooling.CONCAT_NCW);
 * int c1 = b.cross(x0, x0, Dl4jWeights.param(cg, "cross", "cross_w0"),
 *     Dl4jWeights.param(cg, "cross", "cross_b0"));
 * int h1 = Dl4jExport.addDense(b, x0, cg.getLayer("deep0"));
 * Dl4jExport.addDense(b, b.concat(c1, h1), cg.getLayer("out"));
 * InferenceGraphFile.write(path, b.build(), card);                       // at training time
 *
 * InferenceGraph g = InferenceGraphFile.read(path).graph();              // at serving time
 * Scratch s = g.newScratch(512);                                         // once per thread
 * g.score(null, ids, candidates, scores, s);                             // per request
 * }</pre>
 *
 * <p>Book: chapter 1 (model serving, batch versus online prediction, the latency budget); chapters
 * 8-10 (the two-tower, DCN and DeepFM rankers these layers serve).
 */
package dev.mlsd.core.inference;
