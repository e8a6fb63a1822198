package dev.live.engine;

import dev.live.query.And;
import dev.live.query.Cardinality;
import dev.live.query.Comparison;
import dev.live.query.Condition;
import dev.live.query.Field;
import dev.live.query.In;
import dev.live.query.Include;
import dev.live.query.Not;
import dev.live.query.Or;
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
import java.util.Set;

/**
 * A subscribed query in the form the engine maintains: always a list ({@code one(id)} becomes a
 * condition on the id, {@code first()} a window of one), with what the engine needs to know
 * about it worked out once: whether a change can be applied in memory, which other collections
 * it depends on, and which equality predicate indexes it.
 */
final class NodeQuery<T> {
  private final QuerySpec<T> spec;
  private final boolean local;
  private final Set<CollectionSchema<?>> relationDependencies;
  private final Optional<EqualityKey<T>> key;

  private NodeQuery(QuerySpec<T> spec) {
    this.spec = spec;
    this.local = spec.includes().isEmpty()
        && spec.where().map(ConditionMatcher::isLocal).orElse(true);
    Set<CollectionSchema<?>> related = new LinkedHashSet<>();
    spec.where().ifPresent(where -> addRelated(where, related));
    for (Include<T, ?> include : spec.includes()) {
      addIncludeConditions(include, related);
    }
    this.relationDependencies = Set.copyOf(related);
    this.key = spec.where().flatMap(NodeQuery::equalityKey);
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

  /**
   * Whether a change of one of the collection's rows can be applied in memory: no relation
   * conditions (they need related rows) and no includes (a new row needs its related rows).
   */
  boolean isLocal() {
    return local;
  }

  /**
   * The collections that relation conditions look at, in the where or in an include's where: any
   * change of them may change the result. (Changes of included rows are matched more precisely,
   * through the node's {@link IncludeScope}.)
   */
  Set<CollectionSchema<?>> relationDependencies() {
    return relationDependencies;
  }

  /** The equality predicate every matching row satisfies, if the where has one at its top. */
  Optional<EqualityKey<T>> key() {
    return key;
  }

  private static void addRelated(Condition<?> condition, Set<CollectionSchema<?>> into) {
    if (condition instanceof And<?> and) {
      and.conditions().forEach(c -> addRelated(c, into));
    } else if (condition instanceof Or<?> or) {
      or.conditions().forEach(c -> addRelated(c, into));
    } else if (condition instanceof Not<?> not) {
      addRelated(not.condition(), into);
    } else if (condition instanceof RelationMatch<?, ?> match) {
      into.add(match.relation().target());
      addRelated(match.condition(), into);
    }
  }

  private static void addIncludeConditions(Include<?, ?> include, Set<CollectionSchema<?>> into) {
    include.where().ifPresent(where -> addRelated(where, into));
    for (Include<?, ?> nested : include.includes()) {
      addIncludeConditions(nested, into);
    }
  }

  /**
   * The first conjunct at the top of {@code where} that is an {@code eq} or an {@code in} on a
   * field whose Java equality is the database's: every row in the result has one of its values,
   * so a change whose row has none of them can only matter to a node that held that row.
   */
  private static <T> Optional<EqualityKey<T>> equalityKey(Condition<T> where) {
    List<Condition<T>> conjuncts = where instanceof And<T> and ? and.conditions() : List.of(where);
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
