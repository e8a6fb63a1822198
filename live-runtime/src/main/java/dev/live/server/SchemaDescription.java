package dev.live.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.live.procedure.ProcedureDescriptor;
import dev.live.query.Field;
import dev.live.query.Relation;
import dev.live.query.ToMany;
import dev.live.query.ToOne;
import dev.live.schema.CollectionSchema;
import dev.live.schema.LiveSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The schema as JSON, served at {@code GET /live/schema.json} for the browser client: the
 * collections with their fields' types and their relations, and the procedures with their kinds.
 * The client builds typed field paths from it and evaluates its optimistic writes with the
 * fields' types (an instant orders by time, not as text). It says nothing about rules.
 */
final class SchemaDescription {
  private SchemaDescription() {}

  static String json(LiveSchema schema, JsonFactory factory) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = factory.createGenerator(text)) {
      out.writeStartObject();
      out.writeNumberField("protocol", 1);
      out.writeObjectFieldStart("collections");
      for (CollectionSchema<?> collection : schema.collections()) {
        out.writeObjectFieldStart(collection.name());
        writeCollection(out, collection);
        out.writeEndObject();
      }
      out.writeEndObject();
      out.writeObjectFieldStart("procedures");
      for (ProcedureDescriptor<?, ?> procedure : schema.procedures()) {
        out.writeObjectFieldStart(procedure.name());
        out.writeStringField("kind", procedure.isLiveQuery() ? "live" : procedure.kind().name().toLowerCase(Locale.ROOT));
        if (procedure.liveQuery().isPresent()) {
          out.writeStringField("collection", procedure.liveQuery().get().name());
        }
        out.writeBooleanField("input", procedure.input().isPresent());
        out.writeEndObject();
      }
      out.writeEndObject();
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void writeCollection(JsonGenerator out, CollectionSchema<?> collection) throws IOException {
    out.writeStringField("id", collection.id().name());
    out.writeObjectFieldStart("fields");
    for (Field<?, ?> field : collection.fields()) {
      out.writeObjectFieldStart(field.name());
      out.writeStringField("type", field.type().name().toLowerCase(Locale.ROOT));
      out.writeBooleanField("nullable", field.isNullable());
      out.writeEndObject();
    }
    out.writeEndObject();
    out.writeObjectFieldStart("relations");
    for (Relation<?, ?> relation : collection.relations()) {
      out.writeObjectFieldStart(relation.name());
      out.writeStringField("target", relation.target().name());
      if (relation instanceof ToOne<?, ?> toOne) {
        out.writeBooleanField("many", false);
        // the field of this collection holding the target's id
        out.writeStringField("field", toOne.foreignKey().name());
      } else {
        out.writeBooleanField("many", true);
        // the field of the target holding this collection's id
        out.writeStringField("field", ((ToMany<?, ?>) relation).inverse().foreignKey().name());
      }
      out.writeEndObject();
    }
    out.writeEndObject();
  }
}
