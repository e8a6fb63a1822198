package dev.live.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.LiveJson;
import dev.live.query.Include;
import dev.live.query.IncludedValues;
import dev.live.query.LiveRow;
import dev.live.query.RowShape;
import dev.live.query.ToMany;
import dev.live.query.ToOne;
import dev.live.schema.CollectionSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Result rows in and out of the client's cache: {@link #read} decodes the wire form ({@code
 * docs/protocol.md}, "Result rows") into {@link ResultNode}s, putting each record, included ones
 * too, into the {@link RowCache}; {@link #build} turns nodes back into the query's typed rows
 * (records, or the generated row types with their included rows).
 */
final class ResultRows {
  /** Where {@link #build} reads records: the cache, with the client's pending mutations applied. */
  interface Records {
    @Nullable Object record(CollectionSchema<?> collection, Object id);
  }

  private final JsonFactory factory;

  ResultRows(JsonFactory factory) {
    this.factory = factory;
  }

  /** Decodes a JSON array of result rows at {@code version}. */
  <T> List<ResultNode> readList(String json, CollectionSchema<T> collection, List<Include<T, ?>> includes,
      RowCache cache, long version) {
    try (JsonParser in = factory.createParser(json)) {
      if (in.nextToken() != JsonToken.START_ARRAY) {
        throw new LiveException(ErrorCode.WRONG_TYPE, "result rows are an array: " + ServerMessage.abbreviated(json));
      }
      List<ResultNode> nodes = new ArrayList<>();
      while (in.nextToken() != JsonToken.END_ARRAY) {
        nodes.add(read(in, collection, includes, cache, version));
      }
      return nodes;
    } catch (IOException e) {
      throw LiveJson.asDecodeException(e);
    }
  }

  /** Decodes one result row JSON text, or null for JSON null. */
  <T> @Nullable ResultNode readOne(String json, CollectionSchema<T> collection, List<Include<T, ?>> includes,
      RowCache cache, long version) {
    try (JsonParser in = factory.createParser(json)) {
      in.nextToken();
      return in.currentToken() == JsonToken.VALUE_NULL ? null : read(in, collection, includes, cache, version);
    } catch (IOException e) {
      throw LiveJson.asDecodeException(e);
    }
  }

  /**
   * Decodes the row object at the parser's current token. The record's members are copied into
   * a text of their own and decoded by the collection's codec; the members named after an
   * include are read as included rows.
   */
  <T> ResultNode read(JsonParser in, CollectionSchema<T> collection, List<Include<T, ?>> includes, RowCache cache,
      long version) throws IOException {
    if (in.currentToken() != JsonToken.START_OBJECT) {
      throw new LiveException(ErrorCode.WRONG_TYPE, "a result row is an object, not " + in.currentToken());
    }
    StringWriter fields = new StringWriter();
    Map<Include<?, ?>, Object> included = new HashMap<>();
    try (JsonGenerator out = factory.createGenerator(fields)) {
      out.writeStartObject();
      for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
        in.nextToken();
        Include<T, ?> include = find(includes, name);
        if (include == null) {
          out.writeFieldName(name);
          out.copyCurrentStructure(in);
        } else {
          included.put(include, readIncluded(in, include, cache, version));
        }
      }
      out.writeEndObject();
    }
    T record = LiveJson.decode(factory, collection.codec(), fields.toString());
    Object id = collection.id().get(record);
    cache.put(collection, id, record, version);
    return new ResultNode(id, included);
  }

  private <T, U> Object readIncluded(JsonParser in, Include<T, U> include, RowCache cache, long version)
      throws IOException {
    CollectionSchema<U> target = include.relation().target();
    if (include.relation() instanceof ToOne<?, ?>) {
      return in.currentToken() == JsonToken.VALUE_NULL ? Optional.empty() : read(in, target, include.includes(), cache, version);
    }
    List<ResultNode> rows = new ArrayList<>();
    while (in.nextToken() != JsonToken.END_ARRAY) {
      rows.add(read(in, target, include.includes(), cache, version));
    }
    return rows;
  }

  private static <T> @Nullable Include<T, ?> find(List<Include<T, ?>> includes, String name) {
    for (Include<T, ?> include : includes) {
      if (include.relation().name().equals(name)) {
        return include;
      }
    }
    return null;
  }

  /** The typed row of {@code node}, or null when a record it needs is not held. */
  @SuppressWarnings("unchecked") // the cache holds records of the collection they are filed under
  static <T, R> @Nullable R build(ResultNode node, CollectionSchema<T> collection, List<Include<T, ?>> includes,
      RowShape<T, R> shape, Records records) {
    T record = (T) records.record(collection, node.id());
    if (record == null) {
      return null;
    }
    if (includes.isEmpty()) {
      return shape.build(record, IncludedValues.none());
    }
    IncludedValues.Builder included = IncludedValues.builder();
    for (Include<T, ?> include : includes) {
      addIncluded(included, node, include, records);
    }
    return shape.build(record, included.build());
  }

  private static <T, U> void addIncluded(IncludedValues.Builder included, ResultNode node, Include<T, U> include,
      Records records) {
    CollectionSchema<U> target = include.relation().target();
    RowShape<U, ? extends LiveRow<U>> rows = target.rows(); // included rows are always row types
    if (include.relation() instanceof ToOne<T, U> toOne) {
      ResultNode child = node.toOne(include);
      included.toOne(toOne, Optional.ofNullable(child == null ? null : build(child, target, include.includes(), rows, records)));
      return;
    }
    List<LiveRow<U>> children = new ArrayList<>();
    for (ResultNode child : node.toMany(include)) {
      LiveRow<U> row = build(child, target, include.includes(), rows, records);
      if (row != null) {
        children.add(row);
      }
    }
    included.toMany((ToMany<T, U>) include.relation(), children);
  }
}
