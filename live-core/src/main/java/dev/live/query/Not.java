package dev.live.query;

import java.util.Objects;

/** Rows not matching a condition. */
public record Not<T>(Condition<T> condition) implements Condition<T> {
  public Not {
    Objects.requireNonNull(condition, "condition");
  }
}
