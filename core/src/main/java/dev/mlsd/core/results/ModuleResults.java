package dev.mlsd.core.results;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a module's demo measured, in the one shape every module writes ({@code
 * docs/results-schema.md}).
 *
 * @param module the module's folder name ({@code ad-ctr}), lower case with dashes
 * @param chapter the book's chapter number
 * @param dataset the dataset and its checksum
 * @param seed the seed of the run
 * @param machine where it ran
 * @param models every model compared, trivial and baseline included; names unique; at least one
 * @param extra free-form further results (anything Jackson writes: numbers, strings, lists, maps,
 *     records); may be empty, never null
 */
public record ModuleResults(
    String module,
    int chapter,
    DatasetRef dataset,
    long seed,
    Machine machine,
    List<ModelResult> models,
    Map<String, Object> extra) {
  /** Checks the fields and copies the collections. */
  public ModuleResults {
    if (module == null || !module.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("not a module name: " + module);
    }
    if (chapter < 1) {
      throw new IllegalArgumentException("chapter must be >= 1, got " + chapter);
    }
    if (dataset == null || machine == null) {
      throw new IllegalArgumentException("dataset and machine are required");
    }
    if (models == null || models.isEmpty()) {
      throw new IllegalArgumentException("results need at least one model");
    }
    Set<String> names = new HashSet<>();
    for (ModelResult m : models) {
      if (!names.add(m.name())) {
        throw new IllegalArgumentException("two models are called " + m.name());
      }
    }
    models = List.copyOf(models);
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra == null ? Map.of() : extra));
  }

  /** The served model's entry, or null when none is served. */
  public ModelResult served() {
    return models.stream().filter(m -> m.role() == Role.SERVED).findFirst().orElse(null);
  }

  /** The entry called {@code name}, or null. */
  public ModelResult model(String name) {
    return models.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
  }
}
