package dev.live.query;

import java.util.Objects;

/** {@code isNull()} or {@code isNotNull()} on a nullable field. */
public record NullCheck<T>(Field<T, ?> field, boolean isNull) implements Condition<T> {
  public NullCheck {
    Objects.requireNonNull(field, "field");
    if (!field.isNullable()) {
      throw new IllegalArgumentException(
          field.name() + " is required, so it is never null; null tests apply to @Nullable fields");
    }
  }
}
