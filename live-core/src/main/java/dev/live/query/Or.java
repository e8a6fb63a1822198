package dev.live.query;

import java.util.ArrayList;
import java.util.List;

/** Rows matching at least one of at least one condition. */
public record Or<T>(List<Condition<T>> conditions) implements Condition<T> {
  public Or {
    conditions = List.copyOf(conditions);
    if (conditions.isEmpty()) {
      throw new IllegalArgumentException("or needs at least one condition");
    }
  }

  /** {@code left OR right}, flattened so that chains of {@code or} stay one level deep. */
  static <T> Or<T> of(Condition<T> left, Condition<T> right) {
    List<Condition<T>> all = new ArrayList<>();
    addFlat(all, left);
    addFlat(all, right);
    return new Or<>(all);
  }

  private static <T> void addFlat(List<Condition<T>> into, Condition<T> condition) {
    if (condition instanceof Or<T> or) {
      into.addAll(or.conditions());
    } else {
      into.add(condition);
    }
  }
}
