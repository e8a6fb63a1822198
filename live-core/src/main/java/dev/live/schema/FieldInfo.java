package dev.live.schema;

import java.util.Objects;

/**
 * What the schema says about one field of a collection: its name (on the wire), its column,
 * its position among the record's components, its type and its flags.
 *
 * <pre>{@code
 * FieldInfo.of("assigneeId", 3, FieldType.STRING).column("assignee_id").nullable().indexed()
 * }</pre>
 */
public record FieldInfo(
    String name,
    String column,
    int index,
    FieldType type,
    boolean isNullable,
    boolean isId,
    boolean isIndexed,
    boolean isUnique) {

  public FieldInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(type, "type");
    if (index < 0) {
      throw new IllegalArgumentException("index of field " + name + " must not be negative");
    }
    if (isId && isNullable) {
      throw new IllegalArgumentException("the id field " + name + " cannot be nullable");
    }
  }

  /** A required field whose column has the same name; refine with the methods below. */
  public static FieldInfo of(String name, int index, FieldType type) {
    return new FieldInfo(name, name, index, type, false, false, false, false);
  }

  public FieldInfo column(String column) {
    return new FieldInfo(name, column, index, type, isNullable, isId, isIndexed, isUnique);
  }

  public FieldInfo nullable() {
    return new FieldInfo(name, column, index, type, true, isId, isIndexed, isUnique);
  }

  public FieldInfo id() {
    return new FieldInfo(name, column, index, type, isNullable, true, isIndexed, isUnique);
  }

  public FieldInfo indexed() {
    return new FieldInfo(name, column, index, type, isNullable, isId, true, isUnique);
  }

  public FieldInfo unique() {
    return new FieldInfo(name, column, index, type, isNullable, isId, isIndexed, true);
  }
}
