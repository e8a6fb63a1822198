package dev.live.auth;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.query.And;
import dev.live.query.Condition;
import dev.live.query.Include;
import dev.live.query.Not;
import dev.live.query.Or;
import dev.live.query.QuerySpec;
import dev.live.query.RelationMatch;
import dev.live.schema.CollectionSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A query as a caller may run it: the read rule of each collection the query reaches ANDed in
 * where it reaches it. At the top; in every include; and in every relation condition, so that a
 * condition cannot reveal rows the caller may not read (for {@code every}, the rule limits the
 * rows that must match: {@code every(not rule or condition)}).
 */
public final class ReadRestriction {
  private final Rules rules;
  private final AuthContext auth;

  public ReadRestriction(Rules rules, AuthContext auth) {
    this.rules = rules;
    this.auth = auth;
  }

  /** {@code spec} restricted to what the caller may read. */
  public <T> QuerySpec<T> apply(QuerySpec<T> spec) {
    Optional<Condition<T>> where = spec.where().map(this::inside);
    Optional<Condition<T>> rule = rule(spec.collection());
    if (rule.isPresent()) {
      where = Optional.of(where.map(w -> w.and(rule.get())).orElse(rule.get()));
    }
    List<Include<T, ?>> includes = new ArrayList<>();
    for (Include<T, ?> include : spec.includes()) {
      includes.add(include(include));
    }
    return new QuerySpec<>(spec.collection(), where, spec.orderBy(), spec.limit(), spec.cardinality(),
        spec.id(), includes);
  }

  /** The condition the caller's rule puts on {@code collection}, if it has a rule. */
  public <T> Optional<Condition<T>> rule(CollectionSchema<T> collection) {
    Optional<Rules.ReadRule<T>> rule = rules.read(collection);
    if (rule.isEmpty()) {
      return Optional.empty();
    }
    Condition<T> condition;
    try {
      condition = rule.get().condition(auth);
    } catch (RuntimeException e) {
      LiveException refusal = new LiveException(ErrorCode.FORBIDDEN, "the read rule of " + collection.name()
          + " failed, so nothing of it may be read", e);
      rules.failures.failed("read", collection.name(), "refused with FORBIDDEN", e);
      throw refusal;
    }
    if (condition == null) {
      LiveException refusal = new LiveException(ErrorCode.FORBIDDEN, "the read rule of " + collection.name()
          + " returned null; a rule returns a condition (Rules.nothing or Rules.everything at the extremes)");
      rules.failures.failed("read", collection.name(), "refused with FORBIDDEN", refusal);
      throw refusal;
    }
    return Optional.of(condition);
  }

  private <T, U> Include<T, U> include(Include<T, U> include) {
    CollectionSchema<U> target = include.relation().target();
    Optional<Condition<U>> where = include.where().map(this::inside);
    Optional<Condition<U>> rule = rule(target);
    if (rule.isPresent()) {
      where = Optional.of(where.map(w -> w.and(rule.get())).orElse(rule.get()));
    }
    List<Include<U, ?>> nested = new ArrayList<>();
    for (Include<U, ?> child : include.includes()) {
      nested.add(include(child));
    }
    return new Include<>(include.relation(), where, include.orderBy(), include.limit(), nested);
  }

  /** {@code condition} with the rule of each related collection inside its relation conditions. */
  private <T> Condition<T> inside(Condition<T> condition) {
    if (condition instanceof And<T> and) {
      return new And<>(and.conditions().stream().map(this::inside).toList());
    }
    if (condition instanceof Or<T> or) {
      return new Or<>(or.conditions().stream().map(this::inside).toList());
    }
    if (condition instanceof Not<T> not) {
      return new Not<>(inside(not.condition()));
    }
    if (condition instanceof RelationMatch<T, ?> match) {
      return relation(match);
    }
    return condition;
  }

  private <T, U> Condition<T> relation(RelationMatch<T, U> match) {
    Condition<U> inner = inside(match.condition());
    Optional<Condition<U>> rule = rule(match.relation().target());
    if (rule.isEmpty()) {
      return new RelationMatch<>(match.relation(), match.quantifier(), inner);
    }
    Condition<U> restricted = match.quantifier() == RelationMatch.Quantifier.EVERY
        ? Condition.not(rule.get()).or(inner)
        : inner.and(rule.get());
    return new RelationMatch<>(match.relation(), match.quantifier(), restricted);
  }
}
