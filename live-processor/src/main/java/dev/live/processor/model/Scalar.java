package dev.live.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/** The built-in value types, with how generated code names, reads and writes them. */
public enum Scalar {
  STRING(ClassName.get(String.class), null, "STRING", "string", "nullableString", "getString", "setString"),
  BOOLEAN(ClassName.get(Boolean.class), TypeName.BOOLEAN, "BOOLEAN", "bool", "nullableBool", "getBoolean", "setBoolean"),
  INT(ClassName.get(Integer.class), TypeName.INT, "INT", "intValue", "nullableInt", "getInt", "setInt"),
  LONG(ClassName.get(Long.class), TypeName.LONG, "LONG", "longValue", "nullableLong", "getLong", "setLong"),
  DOUBLE(ClassName.get(Double.class), TypeName.DOUBLE, "DOUBLE", "doubleValue", "nullableDouble", "getDouble", "setDouble"),
  DECIMAL(ClassName.get("java.math", "BigDecimal"), null, "DECIMAL", "decimal", "nullableDecimal", "getDecimal", "setDecimal"),
  INSTANT(ClassName.get("java.time", "Instant"), null, "INSTANT", "instant", "nullableInstant", "getInstant", "setInstant"),
  LOCAL_DATE(ClassName.get("java.time", "LocalDate"), null, "LOCAL_DATE", "localDate", "nullableLocalDate", "getLocalDate", "setLocalDate"),
  UUID(ClassName.get("java.util", "UUID"), null, "UUID", "uuid", "nullableUuid", "getUuid", "setUuid");

  private final ClassName boxed;
  private final TypeName primitive;
  private final String fieldType;
  private final String readMethod;
  private final String nullableReadMethod;
  private final String rowGetter;
  private final String parameterSetter;

  Scalar(ClassName boxed, TypeName primitive, String fieldType, String readMethod,
      String nullableReadMethod, String rowGetter, String parameterSetter) {
    this.boxed = boxed;
    this.primitive = primitive;
    this.fieldType = fieldType;
    this.readMethod = readMethod;
    this.nullableReadMethod = nullableReadMethod;
    this.rowGetter = rowGetter;
    this.parameterSetter = parameterSetter;
  }

  /** The class, boxed for primitives. */
  public ClassName boxed() {
    return boxed;
  }

  /** Whether a primitive form exists (boolean, int, long, double). */
  public boolean hasPrimitive() {
    return primitive != null;
  }

  public TypeName primitive() {
    return primitive;
  }

  /** The constant of {@code dev.live.schema.FieldType}. */
  public String fieldType() {
    return fieldType;
  }

  /** The constant of {@code dev.live.json.Codecs}. */
  public String codecConstant() {
    return fieldType;
  }

  /** The {@code JsonReads} method for a required value. */
  public String readMethod() {
    return readMethod;
  }

  /** The {@code JsonReads} method for a nullable value. */
  public String nullableReadMethod() {
    return nullableReadMethod;
  }

  /** The {@code RowReader} method. */
  public String rowGetter() {
    return rowGetter;
  }

  /** The {@code ParameterWriter} method. */
  public String parameterSetter() {
    return parameterSetter;
  }

  /** Whether values have an order that queries may use (gt/lt, orderBy). */
  public boolean isComparable() {
    return this != BOOLEAN && this != UUID;
  }
}
