package dev.live.query;

import dev.live.schema.CollectionSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A query as data: what the typed builders produce, what travels on the wire ({@link
 * QueryJson}), and what storage and the live query engine execute. Immutable, with value
 * equality, so equal queries can share work.
 *
 * @param id the id asked for; present exactly when the cardinality is {@link Cardinality#ONE}
 */
public record QuerySpec<T>(
    CollectionSchema<T> collection,
    Optional<Condition<T>> where,
    List<Order<T>> orderBy,
    OptionalInt limit,
    Cardinality cardinality,
    Optional<Object> id,
    List<Include<T, ?>> includes) {

  public QuerySpec {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(cardinality, "cardinality");
    Objects.requireNonNull(id, "id");
    orderBy = List.copyOf(orderBy);
    includes = List.copyOf(includes);
    if (limit.isPresent() && limit.getAsInt() < 1) {
      throw new IllegalArgumentException("limit must be at least 1, not " + limit.getAsInt());
    }
    if (id.isPresent() != (cardinality == Cardinality.ONE)) {
      throw new IllegalArgumentException("an id goes with cardinality ONE, and only with it");
    }
    if (id.isPresent() && !collection.isIdValue(id.get())) {
      throw new IllegalArgumentException("the id of " + collection.name() + " is a "
          + collection.id().type() + ", not a " + id.get().getClass().getSimpleName());
    }
    Include.requireDistinctRelations(includes, collection.name());
  }

  /** Every row of {@code collection}. */
  public static <T> QuerySpec<T> all(CollectionSchema<T> collection) {
    return new QuerySpec<>(collection, Optional.empty(), List.of(), OptionalInt.empty(),
        Cardinality.MANY, Optional.empty(), List.of());
  }

  /** Adds {@code condition} with AND. */
  public QuerySpec<T> and(Condition<T> condition) {
    Condition<T> combined = where.map(existing -> existing.and(condition)).orElse(condition);
    return new QuerySpec<>(collection, Optional.of(combined), orderBy, limit, cardinality, id, includes);
  }

  /** Combines the current condition with {@code condition} by OR. */
  public QuerySpec<T> or(Condition<T> condition) {
    Condition<T> existing = where.orElseThrow(() -> new IllegalStateException(
        "or(...) needs an earlier condition to combine with; start with where(...)"));
    return new QuerySpec<>(collection, Optional.of(existing.or(condition)), orderBy, limit,
        cardinality, id, includes);
  }

  /** Adds order keys after the existing ones. */
  public QuerySpec<T> orderBy(List<Order<T>> orders) {
    List<Order<T>> all = new ArrayList<>(orderBy);
    all.addAll(orders);
    return new QuerySpec<>(collection, where, all, limit, cardinality, id, includes);
  }

  public QuerySpec<T> limit(int limit) {
    return new QuerySpec<>(collection, where, orderBy, OptionalInt.of(limit), cardinality, id, includes);
  }

  public QuerySpec<T> include(List<? extends Includable<T>> added) {
    return new QuerySpec<>(collection, where, orderBy, limit, cardinality, id,
        Includes.merge(includes, added));
  }

  /** The first row in order; a limit no longer applies. */
  public QuerySpec<T> first() {
    return new QuerySpec<>(collection, where, orderBy, OptionalInt.empty(), Cardinality.FIRST,
        Optional.empty(), includes);
  }

  /** The row with {@code id}, if it also matches the condition; a limit no longer applies. */
  public QuerySpec<T> one(Object id) {
    Objects.requireNonNull(id, "id");
    return new QuerySpec<>(collection, where, orderBy, OptionalInt.empty(), Cardinality.ONE,
        Optional.of(id), includes);
  }

  @Override
  public String toString() {
    return QueryJson.encode(this);
  }
}
