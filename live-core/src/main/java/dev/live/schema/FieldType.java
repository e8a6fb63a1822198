package dev.live.schema;

/** How a field's value is stored and sent: one constant per supported Java type family. */
public enum FieldType {
  STRING,
  BOOLEAN,
  INT,
  LONG,
  DOUBLE,
  /** {@code BigDecimal}: sent as a string, stored as NUMERIC. */
  DECIMAL,
  /** {@code Instant}: ISO-8601 string, stored as a timestamp with time zone. */
  INSTANT,
  /** {@code LocalDate}: ISO-8601 string, stored as DATE. */
  LOCAL_DATE,
  UUID,
  /** An enum: its constant's name. */
  ENUM,
  /** A nested record or a {@code List}: stored as a JSON document. */
  JSON
}
