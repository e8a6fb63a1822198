package dev.live.processor.write;

import dev.live.processor.model.Scalar;
import dev.live.processor.model.TypeModel;

/**
 * How a value type reads in TypeScript, following its JSON form (docs/protocol.md, "Values"):
 * strings for text, decimals, instants, dates and UUIDs, numbers for int, long and double, an
 * enum's union of constant names, a record's interface, and read-only arrays for lists.
 */
final class TypeScriptTypes {
  private final TypeScriptNames names;

  TypeScriptTypes(TypeScriptNames names) {
    this.names = names;
  }

  /** The type of a value of {@code type}, with {@code | null} when {@code nullable}. */
  String of(TypeModel type, boolean nullable) {
    return nullable ? of(type) + " | null" : of(type);
  }

  /** The type of a non-null value of {@code type}. */
  String of(TypeModel type) {
    if (type instanceof TypeModel.ScalarType scalar) {
      return scalar(scalar.scalar());
    }
    if (type instanceof TypeModel.EnumType enumType) {
      return names.type(enumType.name());
    }
    if (type instanceof TypeModel.RecordType record) {
      return names.type(record.name());
    }
    TypeModel.ListType list = (TypeModel.ListType) type;
    String element = of(list.element());
    // "readonly readonly string[][]" does not parse: an array element that is an array needs parentheses.
    return "readonly " + (list.element() instanceof TypeModel.ListType ? "(" + element + ")" : element) + "[]";
  }

  /** The field kind of live-client.d.ts's {@code FieldShape}: how the value travels. */
  static String kind(TypeModel type) {
    if (type instanceof TypeModel.EnumType) {
      return "enum";
    }
    if (!(type instanceof TypeModel.ScalarType scalar)) {
      return "json";
    }
    return switch (scalar.scalar()) {
      case STRING -> "string";
      case BOOLEAN -> "boolean";
      case INT -> "int";
      case LONG -> "long";
      case DOUBLE -> "double";
      case DECIMAL -> "decimal";
      case INSTANT -> "instant";
      case LOCAL_DATE -> "date";
      case UUID -> "uuid";
    };
  }

  private static String scalar(Scalar scalar) {
    return switch (scalar) {
      case BOOLEAN -> "boolean";
      case INT, LONG, DOUBLE -> "number";
      case STRING, DECIMAL, INSTANT, LOCAL_DATE, UUID -> "string";
    };
  }
}
