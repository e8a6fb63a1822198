package dev.live.query;

import java.util.ArrayList;
import java.util.List;

/** Adding includes to a list: a later include of a relation replaces the earlier one. */
final class Includes {
  private Includes() {}

  static <T> List<Include<T, ?>> merge(List<Include<T, ?>> existing, List<? extends Includable<T>> added) {
    List<Include<T, ?>> merged = new ArrayList<>(existing);
    for (Includable<T> includable : added) {
      Include<T, ?> include = includable.toInclude();
      merged.removeIf(old -> old.relation() == include.relation());
      merged.add(include);
    }
    return merged;
  }
}
