package dev.live.query;

import dev.live.query.And;
import dev.live.query.Comparison;
import dev.live.query.Condition;
import dev.live.query.In;
import dev.live.query.Not;
import dev.live.query.NullCheck;
import dev.live.query.Or;
import dev.live.query.RelationMatch;
import dev.live.query.TextMatch;
import dev.live.schema.FieldType;
import java.util.List;

/**
 * Evaluates a condition on one record in memory, giving the answer storage's SQL gives for the
 * same row: the live query engine's test of whether a changed row enters or leaves a query.
 *
 * <pre>{@code
 * Condition<Task> open = Task_.status.ne(Status.DONE).and(Task_.due.lt(deadline));
 * if (ConditionMatcher.isLocal(open) && ConditionMatcher.matches(open, changed, ValueOrder.H2)) { ... }
 * }</pre>
 *
 * <p>Semantics are storage's: two-valued, so a comparison, {@code in} or text match on a null
 * field is false, {@code ne} is {@code not(eq)} and so true on null, and {@code not} is the
 * complement; an empty {@code in} matches nothing; {@code startsWith} and {@code contains} are
 * case-sensitive and treat {@code %}, {@code _} and {@code !} as plain characters, as storage's
 * escaped {@code LIKE} does. Values compare as {@link ValueOrder} says.
 *
 * <p>Evaluation allocates nothing beyond what a field's getter does (boxing a primitive), as it
 * runs for every change against every candidate subscription.
 */
public final class ConditionMatcher {
  private ConditionMatcher() {}

  /**
   * Whether {@code condition} can be evaluated on a record alone: it has no condition on related
   * rows ({@link RelationMatch}) anywhere.
   */
  public static boolean isLocal(Condition<?> condition) {
    if (condition instanceof And<?> and) {
      return allLocal(and.conditions());
    }
    if (condition instanceof Or<?> or) {
      return allLocal(or.conditions());
    }
    if (condition instanceof Not<?> not) {
      return isLocal(not.condition());
    }
    return !(condition instanceof RelationMatch<?, ?>);
  }

  private static boolean allLocal(List<? extends Condition<?>> conditions) {
    for (int i = 0; i < conditions.size(); i++) {
      if (!isLocal(conditions.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code row} matches {@code condition}, as the database that {@code order} describes
   * would decide. The condition must be {@linkplain #isLocal local}; check that once, when the
   * query is registered, not on every row.
   *
   * @throws IllegalArgumentException when evaluation reaches a condition on related rows, which
   *     needs those rows. {@code and} and {@code or} stop at the first condition that decides, so
   *     a non-local condition may go undetected here.
   */
  public static <T> boolean matches(Condition<T> condition, T row, ValueOrder order) {
    return matches(condition, row, order, RelationLookup.NONE);
  }

  /**
   * Whether {@code row} matches {@code condition}, with the conditions on related rows answered
   * by {@code relations}: how the engine evaluates relational conditions from the related rows
   * it keeps.
   */
  public static <T> boolean matches(Condition<T> condition, T row, ValueOrder order, RelationLookup relations) {
    if (condition instanceof Comparison<T, ?> comparison) {
      return comparison(comparison, row, order);
    }
    if (condition instanceof In<T, ?> in) {
      return in(in, row, order);
    }
    if (condition instanceof NullCheck<T> check) {
      return (check.field().get(row) == null) == check.isNull();
    }
    if (condition instanceof TextMatch<T> match) {
      return textMatch(match, row);
    }
    if (condition instanceof And<T> and) {
      List<Condition<T>> all = and.conditions();
      for (int i = 0; i < all.size(); i++) {
        if (!matches(all.get(i), row, order, relations)) {
          return false;
        }
      }
      return true;
    }
    if (condition instanceof Or<T> or) {
      List<Condition<T>> any = or.conditions();
      for (int i = 0; i < any.size(); i++) {
        if (matches(any.get(i), row, order, relations)) {
          return true;
        }
      }
      return false;
    }
    if (condition instanceof Not<T> not) {
      return !matches(not.condition(), row, order, relations);
    }
    if (condition instanceof RelationMatch<T, ?> match) {
      return relations.matches(match, row);
    }
    throw new IllegalArgumentException("no in-memory evaluation for condition " + condition);
  }

  private static <T> boolean comparison(Comparison<T, ?> comparison, T row, ValueOrder order) {
    Object value = comparison.field().get(row);
    FieldType type = comparison.field().type();
    switch (comparison.operator()) {
      case EQ:
        return value != null && order.equal(type, value, comparison.value());
      case NE:
        // not(eq): true on null, as storage writes NOT around the null guard.
        return value == null || !order.equal(type, value, comparison.value());
      case GT:
        return value != null && order.compare(type, value, comparison.value()) > 0;
      case GTE:
        return value != null && order.compare(type, value, comparison.value()) >= 0;
      case LT:
        return value != null && order.compare(type, value, comparison.value()) < 0;
      case LTE:
        return value != null && order.compare(type, value, comparison.value()) <= 0;
      default:
        throw new IllegalArgumentException("no in-memory evaluation for operator " + comparison.operator());
    }
  }

  /** A plain scan: {@code in} lists are short, and hashing would need values made canonical first. */
  private static <T> boolean in(In<T, ?> in, T row, ValueOrder order) {
    Object value = in.field().get(row);
    if (value == null) {
      return false;
    }
    FieldType type = in.field().type();
    List<?> values = in.values();
    for (int i = 0; i < values.size(); i++) {
      if (order.equal(type, value, values.get(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Storage escapes the text, so its {@code LIKE} is a plain prefix or substring test; both
   * databases compare characters exactly, whatever the collation.
   */
  private static <T> boolean textMatch(TextMatch<T> match, T row) {
    String value = match.field().get(row);
    if (value == null) {
      return false;
    }
    return match.operator() == TextMatch.Operator.STARTS_WITH
        ? value.startsWith(match.text())
        : value.contains(match.text());
  }
}
