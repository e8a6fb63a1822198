package dev.live.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The related rows loaded for one result row, by relation: for a to-one relation an optional
 * row, for a to-many relation a list of rows. Filled by storage, the live query engine and the
 * client cache; read through the generated row types ({@code TaskRow.assignee()}).
 */
public final class IncludedValues {
  private static final IncludedValues NONE = new IncludedValues(Map.of());

  private final Map<Relation<?, ?>, Object> values;

  private IncludedValues(Map<Relation<?, ?>, Object> values) {
    this.values = values;
  }

  public static IncludedValues none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether the query included {@code relation}. */
  public boolean has(Relation<?, ?> relation) {
    return values.containsKey(relation);
  }

  /** The related row of an included to-one relation, empty when it does not exist. */
  @SuppressWarnings("unchecked")
  public <R> Optional<R> toOne(ToOne<?, ?> relation) {
    return (Optional<R>) require(relation);
  }

  /** The related rows of an included to-many relation. */
  @SuppressWarnings("unchecked")
  public <R> List<R> toMany(ToMany<?, ?> relation) {
    return (List<R>) require(relation);
  }

  private Object require(Relation<?, ?> relation) {
    Object value = values.get(relation);
    if (value == null) {
      throw new IllegalStateException("relation '" + relation.name() + "' of "
          + relation.source().name() + " was not included in the query; add it with include(...)");
    }
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IncludedValues that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }

  /** Collects included rows; rows must be the generated row type of the related collection. */
  public static final class Builder {
    private final Map<Relation<?, ?>, Object> values = new LinkedHashMap<>();

    private Builder() {}

    public Builder toOne(ToOne<?, ?> relation, Optional<? extends LiveRow<?>> row) {
      values.put(relation, row);
      return this;
    }

    public Builder toMany(ToMany<?, ?> relation, List<? extends LiveRow<?>> rows) {
      values.put(relation, List.copyOf(rows));
      return this;
    }

    public IncludedValues build() {
      return values.isEmpty() ? NONE : new IncludedValues(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }
  }
}
