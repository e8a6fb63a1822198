package dev.live.engine;

import dev.live.query.And;
import dev.live.query.Cardinality;
import dev.live.query.Comparison;
import dev.live.query.Condition;
import dev.live.query.Field;
import dev.live.query.In;
import dev.live.query.QuerySpec;
import dev.live.query.RelationMatch;
import dev.live.query.ValueField;
import dev.live.schema.CollectionSchema;
import dev.live.schema.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A subscribed query in the form the engine maintains: always a list ({@code one(id)} becomes a
 * condition on the id, {@code first()} a window of one), with what the engine needs to know
 * about it worked out once: its top-level conditions, and which of them indexes it (an equality,
 * or a relation condition whose set's keys the row must have).
 */
final class NodeQuery<T> {
  private final QuerySpec<T> spec;
  private final List<Condition<T>> conjuncts;
  private final Optional<EqualityKey<T>> key;
  private final Optional<RelationMatch<T, ?>> relationKey;

  private NodeQuery(QuerySpec<T> spec) {
    this.spec = spec;
    this.conjuncts = spec.where().map(NodeQuery::conjuncts).orElse(List.of());
    this.key = equalityKey(conjuncts);
    this.relationKey = key.isPresent() ? Optional.empty() : relationKey(conjuncts);
  }

  /** The engine's form of {@code spec}; equal specs give equal node queries. */
  static <T> NodeQuery<T> of(QuerySpec<T> spec) {
    return new NodeQuery<>(normalize(spec));
  }

  @SuppressWarnings("unchecked") // an id field compares with values of the collection's id type
  private static <T> QuerySpec<T> normalize(QuerySpec<T> spec) {
    QuerySpec<T> many = new QuerySpec<>(spec.collection(), spec.where(), spec.orderBy(), spec.limit(),
        Cardinality.MANY, Optional.empty(), spec.includes());
    switch (spec.cardinality()) {
      case ONE:
        ValueField<T, Object> id = (ValueField<T, Object>) spec.collection().id();
        // The id first, so that it is the equality key the node is indexed by.
        Condition<T> byId = id.eq(spec.id().orElseThrow());
        return new QuerySpec<>(spec.collection(), Optional.of(spec.where().map(byId::and).orElse(byId)),
            spec.orderBy(), OptionalInt.empty(), Cardinality.MANY, Optional.empty(), spec.includes());
      case FIRST:
        return many.limit(1);
      default:
        return many;
    }
  }

  QuerySpec<T> spec() {
    return spec;
  }

  CollectionSchema<T> collection() {
    return spec.collection();
  }

  /** The equality predicate every matching row satisfies, if the where has one at its top. */
  Optional<EqualityKey<T>> key() {
    return key;
  }

  /**
   * A relation condition at the top of the where that only rows whose key is in its set can meet
   * ({@code is} or {@code some}, not negated): the node is indexed by the set's keys.
   */
  Optional<RelationMatch<T, ?>> relationKey() {
    return relationKey;
  }

  /** The where's conditions joined by AND at its top (one when it is not an AND). */
  List<Condition<T>> conjuncts() {
    return conjuncts;
  }

  private static <T> List<Condition<T>> conjuncts(Condition<T> where) {
    return where instanceof And<T> and ? and.conditions() : List.of(where);
  }

  private static <T> Optional<RelationMatch<T, ?>> relationKey(List<Condition<T>> conjuncts) {
    for (Condition<T> conjunct : conjuncts) {
      if (conjunct instanceof RelationMatch<T, ?> match
          && match.quantifier() != RelationMatch.Quantifier.NONE
          && match.quantifier() != RelationMatch.Quantifier.EVERY) {
        return Optional.of(match);
      }
    }
    return Optional.empty();
  }

  /**
   * The first conjunct at the top of {@code where} that is an {@code eq} or an {@code in} on a
   * field whose Java equality is the database's: every row in the result has one of its values,
   * so a change whose row has none of them can only matter to a node that held that row.
   */
  private static <T> Optional<EqualityKey<T>> equalityKey(List<Condition<T>> conjuncts) {
    for (Condition<T> conjunct : conjuncts) {
      if (conjunct instanceof Comparison<T, ?> comparison
          && comparison.operator() == Comparison.Operator.EQ && hasExactEquality(comparison.field())) {
        return Optional.of(new EqualityKey<>(comparison.field(), List.of(comparison.value())));
      }
      if (conjunct instanceof In<T, ?> in && hasExactEquality(in.field()) && !in.values().isEmpty()) {
        return Optional.of(new EqualityKey<>(in.field(), new ArrayList<>(in.values())));
      }
    }
    return Optional.empty();
  }

  /**
   * Decimals (1.0 and 1.00), doubles (0.0 and -0.0) and instants (truncated on storage) can be
   * equal in the database without being {@code equals} in Java, so they do not key an index.
   */
  private static boolean hasExactEquality(Field<?, ?> field) {
    FieldType type = field.type();
    return type != FieldType.DECIMAL && type != FieldType.DOUBLE && type != FieldType.INSTANT
        && type != FieldType.JSON;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NodeQuery<?> that && spec.equals(that.spec);
  }

  @Override
  public int hashCode() {
    return spec.hashCode();
  }

  @Override
  public String toString() {
    return spec.toString();
  }

  /** A field and the values one of which every row in a node's result has. */
  record EqualityKey<T>(Field<T, ?> field, List<Object> values) {
    EqualityKey {
      values = List.copyOf(new LinkedHashSet<>(values)); // an in may repeat a value
      if (values.isEmpty()) {
        throw new IllegalArgumentException("an equality key has at least one value");
      }
    }
  }
}
