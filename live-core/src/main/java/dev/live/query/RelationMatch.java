package dev.live.query;

import java.util.Objects;

/**
 * A condition on related rows: the to-one target {@code is} a match, or {@code some}, {@code
 * none} or {@code every} to-many row matches.
 *
 * <pre>{@code
 * TaskQuery.where(Task_.assignee.is(User_.name.eq("Ann")))
 * UserQuery.where(User_.tasks.some(Task_.done.isFalse()))
 * }</pre>
 *
 * <p>A missing to-one target matches nothing; {@code none} and {@code every} hold for a row
 * with no related rows.
 */
public record RelationMatch<T, U>(Relation<T, U> relation, Quantifier quantifier, Condition<U> condition)
    implements Condition<T> {

  public RelationMatch {
    Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(quantifier, "quantifier");
    Objects.requireNonNull(condition, "condition");
    if ((quantifier == Quantifier.IS) != (relation instanceof ToOne)) {
      throw new IllegalArgumentException(quantifier.wireName() + " does not apply to "
          + relation.kindName() + " relation " + relation.name());
    }
  }

  /** How related rows must match, with the names on the wire. */
  public enum Quantifier {
    /** The to-one target exists and matches. */
    IS("is"),
    /** At least one to-many row matches. */
    SOME("some"),
    /** No to-many row matches. */
    NONE("none"),
    /** Every to-many row matches. */
    EVERY("every");

    private final String wireName;

    Quantifier(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** The constant with this wire name; a plain loop, as {@code valueOf} reflects. */
    public static Quantifier fromWireName(String wireName) {
      for (Quantifier constant : values()) {
        if (constant.wireName.equals(wireName)) {
          return constant;
        }
      }
      throw new IllegalArgumentException("no quantifier named " + wireName);
    }
  }
}
