package dev.live.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.live.dto.InsertDto;
import dev.live.dto.UpdateDto;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.LiveJson;
import dev.live.procedure.ProcedureDescriptor;
import dev.live.schema.CollectionSchema;
import dev.live.schema.LiveSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client id and the mutations waiting for the server, kept in a file so that they survive a
 * restart of the client: written after every change (to a temporary file, then moved over the
 * old one, so a crash leaves the old or the new one whole), read when the client starts. A
 * mutation keeps its sequence number in the file, so one sent before the restart is sent again
 * under the same number and the server applies it at most once. {@code sentAt} is when it was
 * first sent (epoch milliseconds): one sent longer ago than the server keeps client records is
 * not sent again ({@link PendingMutation#expired}).
 *
 * <pre>{@code
 * {"clientId":"7f3a...","mutations":[
 *   {"seq":12,"sentAt":1795338000000,"kind":"UPDATE","collection":"tasks","key":"t1","value":{"done":true},"body":"..."}]}
 * }</pre>
 */
final class OutboxFile {
  /** What a file held. */
  record Saved(Optional<String> clientId, List<PendingMutation> mutations) {
    static final Saved EMPTY = new Saved(Optional.empty(), List.of());
  }

  private final Path file;
  private final LiveSchema schema;
  private final JsonFactory json;

  OutboxFile(Path file, LiveSchema schema, JsonFactory json) {
    this.file = file;
    this.schema = schema;
    this.json = json;
  }

  Saved load() {
    if (!Files.exists(file)) {
      return Saved.EMPTY;
    }
    try (JsonParser in = json.createParser(Files.readString(file, StandardCharsets.UTF_8))) {
      String clientId = null;
      List<PendingMutation> mutations = new ArrayList<>();
      expect(in, JsonToken.START_OBJECT);
      for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
        in.nextToken();
        if (name.equals("clientId")) {
          clientId = in.getText();
        } else if (name.equals("mutations")) {
          while (in.nextToken() == JsonToken.START_OBJECT) {
            mutations.add(mutation(in));
          }
        } else {
          in.skipChildren();
        }
      }
      return new Saved(Optional.ofNullable(clientId), mutations);
    } catch (IOException | RuntimeException e) {
      throw new LiveException(ErrorCode.INVALID_VALUE, "the outbox file " + file + " cannot be read (" + e.getMessage()
          + "); move it away to start without its mutations", e);
    }
  }

  private PendingMutation mutation(JsonParser in) throws IOException {
    long seq = 0;
    long sentAt = 0;
    PendingMutation.Kind kind = null;
    String collectionName = null;
    String key = null;
    String value = null;
    String procedure = null;
    String body = null;
    for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
      in.nextToken();
      switch (name) {
        case "seq" -> seq = in.getLongValue();
        case "sentAt" -> sentAt = in.getLongValue();
        case "kind" -> kind = kind(in.getText());
        case "collection" -> collectionName = in.getText();
        case "key" -> key = ServerMessage.text(in, json);
        case "value" -> value = ServerMessage.text(in, json);
        case "procedure" -> procedure = in.getText();
        case "body" -> body = in.getText();
        default -> in.skipChildren();
      }
    }
    if (kind == null || body == null) {
      throw new IllegalStateException("a mutation without kind or body");
    }
    PendingMutation mutation;
    if (kind == PendingMutation.Kind.CALL) {
      String procedureName = procedure;
      ProcedureDescriptor<?, ?> descriptor = schema.procedure(procedureName).orElseThrow(() ->
          new IllegalStateException("unknown procedure " + procedureName));
      mutation = new PendingMutation(kind, null, null, null, null, descriptor, body, null);
    } else {
      String collectionText = collectionName;
      CollectionSchema<?> collection = schema.collection(collectionName).orElseThrow(() ->
          new IllegalStateException("unknown collection " + collectionText));
      mutation = restored(kind, collection, key, value, body);
    }
    mutation.seq = seq;
    mutation.sentAt = sentAt;
    return mutation;
  }

  /** By name, without {@code Enum.valueOf} (which reflects). */
  private static PendingMutation.Kind kind(String name) {
    for (PendingMutation.Kind kind : PendingMutation.Kind.values()) {
      if (kind.name().equals(name)) {
        return kind;
      }
    }
    throw new IllegalStateException("unknown mutation kind " + name);
  }

  private <T> PendingMutation restored(PendingMutation.Kind kind, CollectionSchema<T> collection, String key,
      String value, String body) {
    Object id = key == null ? null : LiveJson.decode(json, collection.id().codec(), key);
    Object inserted = null;
    UpdateDto<?> update = null;
    if (kind == PendingMutation.Kind.INSERT) {
      InsertDto<T> insert = LiveJson.decode(json, collection.insertCodec(), value);
      inserted = insert.toRecord();
      id = collection.id().get(insert.toRecord());
    } else if (kind == PendingMutation.Kind.UPDATE) {
      update = LiveJson.decode(json, collection.updateCodec(), value);
    }
    return new PendingMutation(kind, collection, id, inserted, update, null, body, null);
  }

  /** Writes the client id and the mutations not yet acknowledged. */
  void save(String clientId, List<PendingMutation> outbox) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = json.createGenerator(text)) {
      out.writeStartObject();
      out.writeStringField("clientId", clientId);
      out.writeArrayFieldStart("mutations");
      for (PendingMutation mutation : outbox) {
        if (!mutation.acked()) {
          write(out, mutation);
        }
      }
      out.writeEndArray();
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("the outbox file " + file + " could not be written", e);
    }
  }

  private void write(JsonGenerator out, PendingMutation mutation) throws IOException {
    out.writeStartObject();
    out.writeNumberField("seq", mutation.seq);
    if (mutation.sentAt != 0) {
      out.writeNumberField("sentAt", mutation.sentAt);
    }
    out.writeStringField("kind", mutation.kind.name());
    if (mutation.procedure != null) {
      out.writeStringField("procedure", mutation.procedure.name());
    }
    if (mutation.collection != null) {
      out.writeStringField("collection", mutation.collection.name());
    }
    if (mutation.kind == PendingMutation.Kind.UPDATE || mutation.kind == PendingMutation.Kind.DELETE) {
      out.writeFieldName("key");
      writeId(out, mutation.collection, mutation.key);
    }
    if (mutation.kind == PendingMutation.Kind.INSERT || mutation.kind == PendingMutation.Kind.UPDATE) {
      out.writeFieldName("value");
      out.writeRawValue(value(mutation.body));
    }
    out.writeStringField("body", mutation.body);
    out.writeEndObject();
  }

  /** The {@code value} member of a mutation's body, as JSON text. */
  private String value(String body) throws IOException {
    try (JsonParser in = json.createParser("{" + body + "}")) {
      in.nextToken();
      for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
        in.nextToken();
        if (name.equals("value")) {
          return ServerMessage.text(in, json);
        }
        in.skipChildren();
      }
    }
    throw new IllegalStateException("a mutation body without a value: " + body);
  }

  @SuppressWarnings("unchecked")
  private static <T, V> void writeId(JsonGenerator out, CollectionSchema<T> collection, Object id) throws IOException {
    dev.live.query.Field<T, V> field = (dev.live.query.Field<T, V>) collection.id();
    field.codec().write(out, (V) id);
  }

  private static void expect(JsonParser in, JsonToken token) throws IOException {
    if (in.nextToken() != token) {
      throw new IllegalStateException("expected " + token + ", found " + in.currentToken());
    }
  }
}
