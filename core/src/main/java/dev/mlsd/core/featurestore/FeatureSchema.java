package dev.mlsd.core.featurestore;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A named, versioned group of features stored per entity (an ad, a user, a video): the column names
 * in order and each column's default, served when the entity is missing or the store is
 * unavailable. Bump the version when the columns change; stores key values by name and version, so
 * old and new layouts never mix.
 *
 * <p>Immutable; thread-safe.
 *
 * <p>Book: chapter 1, "Feature store".
 */
public final class FeatureSchema {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  private final String name;
  private final int version;
  private final List<String> featureNames;
  private final float[] defaults;
  private final String key;

  /**
   * @param name the group's name, lower-case letters, digits, {@code _ . -}, at most 64 characters
   * @param version the layout version, at least 1
   * @param featureNames the columns, in order, at least one, at most 65535
   * @param defaults one default per column
   */
  public FeatureSchema(String name, int version, List<String> featureNames, float[] defaults) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "feature group name must match " + NAME.pattern() + ", got '" + name + "'");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, got " + version);
    }
    if (featureNames == null || featureNames.isEmpty() || featureNames.size() > 0xFFFF) {
      throw new IllegalArgumentException("a feature group needs 1..65535 columns");
    }
    if (defaults == null || defaults.length != featureNames.size()) {
      throw new IllegalArgumentException(
          "need one default per column: "
              + featureNames.size()
              + " columns, "
              + (defaults == null ? 0 : defaults.length)
              + " defaults");
    }
    this.name = name;
    this.version = version;
    this.featureNames = List.copyOf(featureNames);
    this.defaults = defaults.clone();
    this.key = name + ":v" + version;
  }

  /** A schema whose every default is 0. */
  public static FeatureSchema withZeroDefaults(String name, int version, List<String> names) {
    return new FeatureSchema(name, version, names, new float[names.size()]);
  }

  /** The group's name. */
  public String name() {
    return name;
  }

  /** The layout version. */
  public int version() {
    return version;
  }

  /** Number of columns. */
  public int dim() {
    return defaults.length;
  }

  /** The column names, in order. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** A copy of the defaults. */
  public float[] defaults() {
    return defaults.clone();
  }

  /** The default of one column. */
  public float defaultValue(int column) {
    return defaults[column];
  }

  /**
   * Whether a stored value is acceptable in this column: finite, or NaN where the column's default
   * is NaN (the column declares NaN as its "missing" value, e.g. no history yet). Infinities never.
   */
  public boolean accepts(int column, float value) {
    return Float.isFinite(value) || (Float.isNaN(value) && Float.isNaN(defaults[column]));
  }

  /** Copies the defaults into {@code out} from {@code offset}. */
  public void copyDefaults(float[] out, int offset) {
    System.arraycopy(defaults, 0, out, offset, defaults.length);
  }

  /** {@code name:vVERSION}, the key stores file values under. */
  public String key() {
    return key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureSchema s
        && s.name.equals(name)
        && s.version == version
        && s.featureNames.equals(featureNames)
        && Arrays.equals(s.defaults, defaults);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + Arrays.hashCode(defaults);
  }

  @Override
  public String toString() {
    return "FeatureSchema[" + key + ", " + featureNames + "]";
  }
}
