package dev.live.query;

import java.util.Objects;

/** A case-sensitive prefix or substring match on a string field. */
public record TextMatch<T>(StringField<T> field, Operator operator, String text)
    implements Condition<T> {

  public TextMatch {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(text, () -> "the text matched against " + field.name() + " must not be null");
  }

  /** The text operators, with their names on the wire. */
  public enum Operator {
    STARTS_WITH("startsWith"),
    CONTAINS("contains");

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
  }
}
