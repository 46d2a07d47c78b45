package dev.mlsd.core.ann;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The distance kernels every index calls on its hot path: a dot product and a squared Euclidean
 * distance between two float slices, each given as an array and an offset so that vectors stored in
 * one contiguous block are read in place.
 *
 * <p>Two implementations, like Lucene's {@code VectorUtilSupport}: {@link #scalar()}, the plain
 * reference, and a SIMD one over {@code jdk.incubator.vector} ({@code PanamaKernels}). {@link
 * #best()} picks the SIMD one when the incubator module is present in the running JVM (started with
 * {@code --add-modules jdk.incubator.vector}) and the scalar one otherwise, or when the system
 * property {@code mlsd.ann.scalar=true} asks for it. The two differ only by float rounding (the
 * SIMD one sums in a different order); a test checks they agree to a relative 1e-5.
 *
 * <p>Thread safety: implementations are stateless.
 */
public interface VectorKernels {

  /**
   * @return {@code sum_i a[aOff+i] * b[bOff+i]} for {@code i < length}
   */
  float dot(float[] a, int aOff, float[] b, int bOff, int length);

  /**
   * @return {@code sum_i (a[aOff+i] - b[bOff+i])^2} for {@code i < length}
   */
  float squareDistance(float[] a, int aOff, float[] b, int bOff, int length);

  /**
   * A float vector against int8 codes (the graph search of a quantized index).
   *
   * @return {@code sum_i a[aOff+i] * b[bOff+i]} for {@code i < length}, the bytes signed
   */
  float dot(float[] a, int aOff, byte[] b, int bOff, int length);

  /**
   * Four dot products of one query against four vectors of one block, {@code out[outOff + j] =
   * dot(a, aOff, b, offs_j, length)}, each equal bit for bit to {@link #dot(float[], int, float[],
   * int, int)} of that pair. Reading four vectors in one loop keeps four streams of memory reads in
   * flight, which is what a graph search that jumps between vectors is bound by.
   */
  void dot4(
      float[] a,
      int aOff,
      float[] b,
      int o0,
      int o1,
      int o2,
      int o3,
      int length,
      float[] out,
      int outOff);

  /**
   * Four squared distances, as {@link #dot4} for {@link #squareDistance}: each equal bit for bit to
   * {@link #squareDistance} of that pair.
   */
  void squareDistance4(
      float[] a,
      int aOff,
      float[] b,
      int o0,
      int o1,
      int o2,
      int o3,
      int length,
      float[] out,
      int outOff);

  /**
   * Four dot products of a float vector against four int8 code vectors, as {@link #dot4}: each
   * equal bit for bit to {@link #dot(float[], int, byte[], int, int)} of that pair.
   */
  void dot4(
      float[] a,
      int aOff,
      byte[] b,
      int o0,
      int o1,
      int o2,
      int o3,
      int length,
      float[] out,
      int outOff);

  /** A little-endian float at any byte offset: how index files store their vectors. */
  ValueLayout.OfFloat FILE_FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /**
   * A float vector against a vector outside the heap ({@link HnswIndex#loadQuantized}: the floats
   * stay in the mapped index file): {@code length} floats of {@code b} ({@link #FILE_FLOAT}) from
   * byte offset {@code bOff}. Equal bit for bit to {@link #dot(float[], int, float[], int, int)} on
   * the same values.
   */
  float dot(float[] a, int aOff, MemorySegment b, long bOff, int length);

  /**
   * {@link #squareDistance(float[], int, float[], int, int)} against a vector outside the heap, as
   * {@link #dot(float[], int, MemorySegment, long, int)}; equal to it bit for bit.
   */
  float squareDistance(float[] a, int aOff, MemorySegment b, long bOff, int length);

  /** Short name for reports: {@code "scalar"} or {@code "simd-<bits>"}. */
  String name();

  /** The scalar reference implementation. */
  static VectorKernels scalar() {
    return ScalarKernels.INSTANCE;
  }

  /**
   * The implementation the indexes use: SIMD when available, else scalar. Chosen once per JVM.
   *
   * @return the kernels in use
   */
  static VectorKernels best() {
    return Kernels.IMPL;
  }
}
