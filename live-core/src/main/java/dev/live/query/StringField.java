package dev.live.query;

import dev.live.json.Codecs;
import dev.live.schema.FieldInfo;
import java.util.function.Function;

/**
 * A string field: equality, order, and case-sensitive prefix and substring matches.
 *
 * <pre>{@code
 * UserQuery.where(User_.name.startsWith("An"))
 * }</pre>
 */
public class StringField<T> extends ComparableField<T, String> {
  public StringField(FieldInfo info, Function<T, String> getter) {
    super(info, Codecs.STRING, getter);
  }

  /** Rows whose value starts with {@code prefix} (case-sensitive). */
  public Condition<T> startsWith(String prefix) {
    return new TextMatch<>(this, TextMatch.Operator.STARTS_WITH, prefix);
  }

  /** Rows whose value contains {@code text} (case-sensitive). */
  public Condition<T> contains(String text) {
    return new TextMatch<>(this, TextMatch.Operator.CONTAINS, text);
  }
}
