package dev.live.engine;

import dev.live.query.And;
import dev.live.query.Cardinality;
import dev.live.query.Comparison;
import dev.live.query.Condition;
import dev.live.query.Field;
import dev.live.query.In;
import dev.live.query.QuerySpec;
import dev.live.query.RelationMatch;
import dev.live.query.TextMatch;
import dev.live.query.ValueField;
import dev.live.schema.CollectionSchema;
import dev.live.schema.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
  private final Optional<PrefixKey<T>> prefixKey;
  private final Optional<RangeKey<T>> rangeKey;

  private NodeQuery(QuerySpec<T> spec) {
    this.spec = spec;
    this.conjuncts = spec.where().map(NodeQuery::conjuncts).orElse(List.of());
    // The first kind of key the where has, in this order: the index narrows best by equality.
    this.key = equalityKey(conjuncts);
    this.relationKey = key.isPresent() ? Optional.empty() : relationKey(conjuncts);
    boolean keyed = key.isPresent() || relationKey.isPresent();
    this.prefixKey = keyed ? Optional.empty() : prefixKey(conjuncts);
    this.rangeKey = keyed || prefixKey.isPresent() ? Optional.empty() : rangeKey(conjuncts);
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

  /** A {@code startsWith} at the top of the where: the node is indexed by its prefix. */
  Optional<PrefixKey<T>> prefixKey() {
    return prefixKey;
  }

  /** Bounds of one field at the top of the where ({@code gt}, {@code lte}, ...): the node is indexed by them. */
  Optional<RangeKey<T>> rangeKey() {
    return rangeKey;
  }

  private static <T> Optional<PrefixKey<T>> prefixKey(List<Condition<T>> conjuncts) {
    for (Condition<T> conjunct : conjuncts) {
      if (conjunct instanceof TextMatch<T> match && match.operator() == TextMatch.Operator.STARTS_WITH) {
        return Optional.of(new PrefixKey<>(match.field(), match.text()));
      }
    }
    return Optional.empty();
  }

  /**
   * The bounds the top conjuncts put on one field: the first field with both a lower and an upper
   * bound, else the first with either. Of several bounds of one side, any one will do: each is
   * necessary, and the node checks all.
   */
  private static <T> Optional<RangeKey<T>> rangeKey(List<Condition<T>> conjuncts) {
    Map<Field<T, ?>, Object[]> bounds = new LinkedHashMap<>();
    for (Condition<T> conjunct : conjuncts) {
      if (conjunct instanceof Comparison<T, ?> comparison && comparison.field().type() != FieldType.JSON) {
        Object[] pair = bounds.computeIfAbsent(comparison.field(), f -> new Object[2]);
        switch (comparison.operator()) {
          case GT, GTE -> pair[0] = comparison.value();
          case LT, LTE -> pair[1] = comparison.value();
          default -> { }
        }
      }
    }
    Optional<RangeKey<T>> oneSided = Optional.empty();
    for (Map.Entry<Field<T, ?>, Object[]> entry : bounds.entrySet()) {
      Object[] pair = entry.getValue();
      if (pair[0] != null && pair[1] != null) {
        return Optional.of(new RangeKey<>(entry.getKey(), Optional.of(pair[0]), Optional.of(pair[1])));
      }
      if (oneSided.isEmpty() && (pair[0] != null || pair[1] != null)) {
        oneSided = Optional.of(new RangeKey<>(entry.getKey(), Optional.ofNullable(pair[0]), Optional.ofNullable(pair[1])));
      }
    }
    return oneSided;
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

  /** A string field and a prefix every row in a node's result has. */
  record PrefixKey<T>(Field<T, String> field, String prefix) {}

  /** A field and the bounds (at least one) every row in a node's result lies within. */
  record RangeKey<T>(Field<T, ?> field, Optional<Object> lower, Optional<Object> upper) {}

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
