package dev.live.query;

import java.util.Objects;

/** A field compared with a value: {@code eq}, {@code ne}, and the orderings. */
public record Comparison<T, V>(ValueField<T, V> field, Operator operator, V value)
    implements Condition<T> {

  public Comparison {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(operator, "operator");
    if (value == null) {
      throw new NullPointerException("the value compared with " + field.name()
          + " must not be null; use isNull() or isNotNull() to test for null");
    }
    if (operator.isOrdering() && !(field instanceof ComparableField)) {
      throw new IllegalArgumentException(
          operator.wireName() + " needs an ordered field, and " + field.name() + " is not one");
    }
  }

  /** The comparison operators, with their names on the wire. */
  public enum Operator {
    EQ("eq"),
    NE("ne"),
    GT("gt"),
    GTE("gte"),
    LT("lt"),
    LTE("lte");

    private final String wireName;

    Operator(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** The constant with this wire name; a plain loop, as {@code valueOf} reflects. */
    public static Operator fromWireName(String wireName) {
      for (Operator constant : values()) {
        if (constant.wireName.equals(wireName)) {
          return constant;
        }
      }
      throw new IllegalArgumentException("no operator named " + wireName);
    }

    /** Whether the operator needs an order on the field's values. */
    public boolean isOrdering() {
      return this != EQ && this != NE;
    }
  }
}
