package dev.mlsd.core.http;

import java.util.Collection;

/**
 * Checks for request records' compact constructors and handlers. Each throws {@link
 * BadRequestException} (an {@link IllegalArgumentException}) with a one-line reason, which the
 * server answers with 400.
 *
 * <pre>{@code
 * record RankRequest(int userId, int k, List<Integer> exclude) {
 *   RankRequest {
 *     Validation.range("k", k, 1, 100);
 *     Validation.maxLength("exclude", exclude, 1000);
 *   }
 * }
 * }</pre>
 *
 * <p>Thread safety: stateless.
 */
public final class Validation {
  private Validation() {}

  /** Requires {@code min <= value <= max}. */
  public static int range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new BadRequestException(
          400, name + " must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  /** Requires a finite {@code min <= value <= max}. */
  public static double range(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new BadRequestException(
          400, name + " must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  /** Requires a non-null value. */
  public static <T> T present(String name, T value) {
    if (value == null) {
      throw new BadRequestException(400, name + " is required");
    }
    return value;
  }

  /** Requires a non-null collection of at most {@code max} elements, none null. */
  public static <C extends Collection<?>> C maxLength(String name, C list, int max) {
    present(name, list);
    if (list.size() > max) {
      throw new BadRequestException(
          400, name + " has " + list.size() + " elements, at most " + max + " allowed");
    }
    for (Object o : list) {
      if (o == null) {
        throw new BadRequestException(400, name + " must not contain null");
      }
    }
    return list;
  }

  /** Requires a non-null array of at most {@code max} elements. */
  public static int[] maxLength(String name, int[] array, int max) {
    present(name, array);
    if (array.length > max) {
      throw new BadRequestException(
          400, name + " has " + array.length + " elements, at most " + max + " allowed");
    }
    return array;
  }

  /** Requires a non-null array of at most {@code max} finite elements. */
  public static float[] maxLength(String name, float[] array, int max) {
    present(name, array);
    if (array.length > max) {
      throw new BadRequestException(
          400, name + " has " + array.length + " elements, at most " + max + " allowed");
    }
    for (float v : array) {
      if (!Float.isFinite(v)) {
        throw new BadRequestException(400, name + " must hold finite numbers");
      }
    }
    return array;
  }
}
