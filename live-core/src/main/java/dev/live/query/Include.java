package dev.live.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A relation to load with each result row. A to-many include may have its own where, orderBy
 * and limit (per parent row); a to-one include may have a where, and then holds the target only
 * when it matches (this is how read rules reach included rows); any include may nest includes of
 * the related collection.
 */
public record Include<T, U>(
    Relation<T, U> relation,
    Optional<Condition<U>> where,
    List<Order<U>> orderBy,
    OptionalInt limit,
    List<Include<U, ?>> includes) implements Includable<T> {

  public Include {
    Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(limit, "limit");
    orderBy = List.copyOf(orderBy);
    includes = List.copyOf(includes);
    if (relation instanceof ToOne && (!orderBy.isEmpty() || limit.isPresent())) {
      throw new IllegalArgumentException("to-one include " + relation.name()
          + " loads at most one row, so it takes no orderBy or limit");
    }
    if (limit.isPresent() && limit.getAsInt() < 1) {
      throw new IllegalArgumentException("the limit of include " + relation.name() + " must be at least 1");
    }
    requireDistinctRelations(includes, relation.name());
  }

  static <T, U> Include<T, U> of(Relation<T, U> relation) {
    return new Include<>(relation, Optional.empty(), List.of(), OptionalInt.empty(), List.of());
  }

  /** Keeps only related rows matching {@code condition} (ANDed with an earlier where). */
  public Include<T, U> where(Condition<U> condition) {
    Condition<U> combined = where.map(existing -> existing.and(condition)).orElse(condition);
    return new Include<>(relation, Optional.of(combined), orderBy, limit, includes);
  }

  /** Orders the related rows by these keys, after any earlier ones. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, through Arrays.asList
  public final Include<T, U> orderBy(Order<U>... orders) {
    List<Order<U>> all = new ArrayList<>(orderBy);
    all.addAll(Arrays.asList(orders));
    return new Include<>(relation, where, all, limit, includes);
  }

  /** At most {@code limit} related rows per parent row. */
  public Include<T, U> limit(int limit) {
    return new Include<>(relation, where, orderBy, OptionalInt.of(limit), includes);
  }

  /** Includes relations of the related rows; one of the same relation replaces the earlier. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, through Arrays.asList
  public final Include<T, U> include(Includable<U>... nested) {
    return include(Arrays.asList(nested));
  }

  /** Includes relations of the related rows; one of the same relation replaces the earlier. */
  public Include<T, U> include(List<? extends Includable<U>> nested) {
    return new Include<>(relation, where, orderBy, limit, Includes.merge(includes, nested));
  }

  @Override
  public Include<T, U> toInclude() {
    return this;
  }

  static void requireDistinctRelations(List<? extends Include<?, ?>> includes, String owner) {
    for (int i = 0; i < includes.size(); i++) {
      for (int j = i + 1; j < includes.size(); j++) {
        if (includes.get(i).relation() == includes.get(j).relation()) {
          throw new IllegalArgumentException(
              owner + " includes relation " + includes.get(i).relation().name() + " twice");
        }
      }
    }
  }
}
