package dev.live.examples.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.live.query.Field;
import dev.live.query.Include;
import dev.live.query.QuerySpec;
import dev.live.query.RowJson;
import dev.live.query.RowShape;
import dev.live.query.ToOne;
import dev.live.schema.CollectionSchema;
import dev.live.storage.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every row one subscriber's read rules let them read, at one version, as storage has it: by
 * collection, the row's JSON (its record's fields) by the JSON of its id. The oracle of the rule
 * leak check: a row the engine sends, at any depth of a result, must be one of these, with
 * exactly these values.
 */
final class ReadableRows {
  private final long version;
  private final Map<CollectionSchema<?>, Map<String, JsonNode>> byCollection;

  private ReadableRows(long version, Map<CollectionSchema<?>, Map<String, JsonNode>> byCollection) {
    this.version = version;
    this.byCollection = byCollection;
  }

  /** How a subscriber may run a query: restricted by their read rules, or as it is. */
  interface Restriction {
    <T> QuerySpec<T> restrict(QuerySpec<T> spec);
  }

  /** Reads what {@code restriction} lets its caller read of {@code collections}, at {@code version} (writes paused). */
  static ReadableRows read(Store store, Restriction restriction, List<CollectionSchema<?>> collections,
      long version) {
    Map<CollectionSchema<?>, Map<String, JsonNode>> all = new HashMap<>();
    for (CollectionSchema<?> collection : collections) {
      all.put(collection, readOne(store, restriction, collection));
    }
    return new ReadableRows(version, all);
  }

  private static <T> Map<String, JsonNode> readOne(Store store, Restriction restriction,
      CollectionSchema<T> collection) {
    Map<String, JsonNode> rows = new LinkedHashMap<>();
    for (T row : store.select(restriction.restrict(QuerySpec.all(collection)), RowShape.plain())) {
      JsonNode json = MessageLog.parse(RowJson.encode(collection, List.of(), row));
      rows.put(idOf(collection, json), json);
    }
    return rows;
  }

  /**
   * The rows of {@code row}, a result row of {@code collection} built with {@code includes}, and
   * of its included rows at every depth, that this subscriber may not read or that differ from
   * storage: one line each, empty when all is well.
   */
  <T> List<String> problems(CollectionSchema<T> collection, List<Include<T, ?>> includes, JsonNode row) {
    List<String> found = new ArrayList<>();
    check(collection, includes, row, collection.name(), found);
    return found;
  }

  private <T> void check(CollectionSchema<T> collection, List<Include<T, ?>> includes, JsonNode row, String path,
      List<String> found) {
    ObjectNode fields = MessageLog.JSON.createObjectNode();
    for (Field<T, ?> field : collection.fields()) {
      fields.set(field.name(), row.get(field.name()));
    }
    String id = idOf(collection, row);
    JsonNode stored = byCollection.get(collection).get(id);
    if (stored == null) {
      found.add(path + " " + id + " is not readable at version " + version + ": " + fields);
    } else if (!stored.equals(fields)) {
      found.add(path + " " + id + " differs from storage at version " + version + ": sent " + fields
          + ", stored " + stored);
    }
    for (Include<T, ?> include : includes) {
      checkIncluded(include, row.get(include.relation().name()), path + "." + include.relation().name(), found);
    }
  }

  private <T, U> void checkIncluded(Include<T, U> include, JsonNode value, String path, List<String> found) {
    CollectionSchema<U> target = include.relation().target();
    if (value == null) {
      found.add(path + " is missing");
      return;
    }
    if (include.relation() instanceof ToOne<?, ?>) {
      if (!value.isNull()) {
        check(target, include.includes(), value, path, found);
      }
      return;
    }
    if (!value.isArray()) {
      found.add(path + " is not an array: " + value);
      return;
    }
    for (JsonNode related : value) {
      check(target, include.includes(), related, path, found);
    }
  }

  private static String idOf(CollectionSchema<?> collection, JsonNode row) {
    return String.valueOf(row.get(collection.id().name()));
  }
}
