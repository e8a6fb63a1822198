package dev.live.query;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.live.json.JsonCodec;
import dev.live.json.LiveJson;
import dev.live.schema.CollectionSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The wire form of a result row ({@code docs/protocol.md}, "Result rows"): the record's members,
 * then one member per included relation, named after it: the target row or {@code null} for a
 * to-one relation, an array of rows for a to-many one. Relation names never clash with field
 * names, so the two kinds of member share one object.
 *
 * <pre>{@code
 * {"id":"t1","title":"Ship it", ..., "assignee":{"id":"u1","name":"Ann", ...},"comments":[]}
 * }</pre>
 */
public final class RowJson {
  private RowJson() {}

  /** One row as JSON text: a record when {@code includes} is empty, a {@link LiveRow} otherwise. */
  public static <T> String encode(CollectionSchema<T> collection, List<Include<T, ?>> includes, Object row) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = LiveJson.factory().createGenerator(text)) {
      write(out, collection, includes, row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** Writes one row: a record when {@code includes} is empty, a {@link LiveRow} otherwise. */
  @SuppressWarnings("unchecked") // rows of a query with includes are the collection's LiveRow
  public static <T> void write(JsonGenerator out, CollectionSchema<T> collection, List<Include<T, ?>> includes,
      Object row) throws IOException {
    if (includes.isEmpty()) {
      // Included rows are always LiveRows, even without includes of their own.
      collection.codec().write(out, row instanceof LiveRow<?> live ? (T) live.value() : (T) row);
      return;
    }
    LiveRow<T> live = (LiveRow<T>) row;
    out.writeStartObject();
    writeFields(out, collection, live.value());
    for (Include<T, ?> include : includes) {
      writeIncluded(out, include, live.included());
    }
    out.writeEndObject();
  }

  private static <T> void writeFields(JsonGenerator out, CollectionSchema<T> collection, T value) throws IOException {
    for (Field<T, ?> field : collection.fields()) {
      out.writeFieldName(field.name());
      writeValue(out, field, value);
    }
  }

  private static <T, V> void writeValue(JsonGenerator out, Field<T, V> field, T record) throws IOException {
    V value = field.get(record);
    if (value == null) {
      out.writeNull();
    } else {
      JsonCodec<V> codec = field.codec();
      codec.write(out, value);
    }
  }

  private static <T, U> void writeIncluded(JsonGenerator out, Include<T, U> include, IncludedValues included)
      throws IOException {
    Relation<T, U> relation = include.relation();
    CollectionSchema<U> target = relation.target();
    out.writeFieldName(relation.name());
    if (relation instanceof ToOne<T, U> toOne) {
      Optional<Object> row = included.toOne(toOne);
      if (row.isEmpty()) {
        out.writeNull();
      } else {
        write(out, target, include.includes(), row.get());
      }
      return;
    }
    List<Object> rows = included.toMany((ToMany<T, U>) relation);
    out.writeStartArray();
    for (Object row : rows) {
      write(out, target, include.includes(), row);
    }
    out.writeEndArray();
  }
}
