package dev.live.examples.engine;

import dev.live.query.And;
import dev.live.query.ComparableField;
import dev.live.query.Condition;
import dev.live.query.Not;
import dev.live.query.NullableField;
import dev.live.query.Or;
import dev.live.query.Order;
import dev.live.query.QuerySpec;
import dev.live.query.Sortable;
import dev.live.query.StringField;
import dev.live.query.ValueField;
import dev.live.schema.CollectionSchema;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A query the live query engine can keep in memory: a where without relation matches, order
 * keys, maybe a limit. The static methods build arbitraries of them from a collection's fields.
 */
record LocalQuery<T>(Optional<Condition<T>> where, List<Order<T>> orderBy, OptionalInt limit) {
  QuerySpec<T> spec(CollectionSchema<T> collection) {
    QuerySpec<T> spec = QuerySpec.all(collection);
    spec = where.isPresent() ? spec.and(where.get()) : spec;
    spec = spec.orderBy(orderBy);
    return limit.isPresent() ? spec.limit(limit.getAsInt()) : spec;
  }

  /** Queries whose conditions are built from {@code leaves}, ordered by some of {@code sortable}. */
  static <T> Arbitrary<LocalQuery<T>> queries(Arbitrary<Condition<T>> leaves, List<Sortable<T>> sortable) {
    Arbitrary<Order<T>> orders = Combinators.combine(Arbitraries.of(sortable), Arbitraries.of(true, false),
            Arbitraries.of(0, 1, 2))
        .as((field, ascending, nulls) -> {
          Order<T> order = ascending ? field.asc() : field.desc();
          return nulls == 0 ? order : nulls == 1 ? order.nullsFirst() : order.nullsLast();
        });
    Arbitrary<OptionalInt> limits = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(OptionalInt.empty())),
        Tuple.of(1, Arbitraries.integers().between(1, 5).map(OptionalInt::of)));
    return Combinators.combine(trees(leaves, 3).optional(0.9), orders.list().ofMaxSize(3), limits)
        .as(LocalQuery::new);
  }

  /** And, or and not over {@code leaves}, at most {@code depth} levels deep. */
  static <T> Arbitrary<Condition<T>> trees(Arbitrary<Condition<T>> leaves, int depth) {
    if (depth == 0) {
      return leaves;
    }
    Arbitrary<Condition<T>> below = trees(leaves, depth - 1);
    return Arbitraries.frequencyOf(
        Tuple.of(3, leaves),
        Tuple.of(1, below.list().ofMinSize(1).ofMaxSize(3).map(And::new)),
        Tuple.of(1, below.list().ofMinSize(1).ofMaxSize(3).map(Or::new)),
        Tuple.of(1, below.map(Not::new)));
  }

  /** {@code eq}, {@code ne} and {@code in} (empty too) with {@code values}. */
  static <T, V> Arbitrary<Condition<T>> equalities(ValueField<T, V> field, Arbitrary<V> values) {
    return Arbitraries.oneOf(values.map(field::eq), values.map(field::ne),
        values.list().ofMaxSize(3).map(list -> field.in(list)));
  }

  /** The equalities and the four orderings with {@code values}, each operator as likely. */
  static <T, V extends Comparable<? super V>> Arbitrary<Condition<T>> comparisons(ComparableField<T, V> field,
      Arbitrary<V> values) {
    return Arbitraries.oneOf(values.map(field::eq), values.map(field::ne),
        values.list().ofMaxSize(3).map(list -> field.in(list)), values.map(field::gt), values.map(field::gte),
        values.map(field::lt), values.map(field::lte));
  }

  /** Comparisons with {@code values}, and prefix and substring matches. */
  static <T> Arbitrary<Condition<T>> texts(StringField<T> field, Arbitrary<String> values) {
    return Arbitraries.oneOf(comparisons(field, values), TrickyValues.searches().map(field::startsWith),
        TrickyValues.searches().map(field::contains));
  }

  static <T> Arbitrary<Condition<T>> nullChecks(NullableField<T> field) {
    return Arbitraries.of(field.isNull(), field.isNotNull());
  }
}
