package dev.live.query;

import java.util.ArrayList;
import java.util.List;

/** Rows matching every one of at least one condition. */
public record And<T>(List<Condition<T>> conditions) implements Condition<T> {
  public And {
    conditions = List.copyOf(conditions);
    if (conditions.isEmpty()) {
      throw new IllegalArgumentException("and needs at least one condition");
    }
  }

  /** {@code left AND right}, flattened so that chains of {@code and} stay one level deep. */
  static <T> And<T> of(Condition<T> left, Condition<T> right) {
    List<Condition<T>> all = new ArrayList<>();
    addFlat(all, left);
    addFlat(all, right);
    return new And<>(all);
  }

  private static <T> void addFlat(List<Condition<T>> into, Condition<T> condition) {
    if (condition instanceof And<T> and) {
      into.addAll(and.conditions());
    } else {
      into.add(condition);
    }
  }
}
