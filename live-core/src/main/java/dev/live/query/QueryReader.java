package dev.live.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.live.error.ErrorCode;
import dev.live.json.DecodeException;
import dev.live.json.JsonReads;
import dev.live.json.MemberReader;
import dev.live.json.Suggestions;
import dev.live.schema.CollectionSchema;
import dev.live.schema.LiveSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decodes the wire form of a query from an untrusted client, validating every name, operator
 * and value against the schema and the {@link QueryLimits}. One instance per query.
 */
final class QueryReader {
  private static final String QUERY_MEMBERS = "collection, id, first, where, orderBy, limit, include";
  private static final String INCLUDE_MEMBERS = "relation, where, orderBy, limit, include";
  private static final String ORDER_MEMBERS = "field, direction, nulls";

  private final LiveSchema schema;
  private final QueryLimits limits;
  private final JsonFactory factory;
  private int nodes;

  QueryReader(LiveSchema schema, QueryLimits limits, JsonFactory factory) {
    this.schema = schema;
    this.limits = limits;
    this.factory = factory;
  }

  QuerySpec<?> query(JsonParser in) throws IOException {
    QueryParts parts = new QueryParts();
    MemberReader.read(in, factory, parts);
    return parts.build(in);
  }

  /** The members of a query object, gathered before the spec is built. */
  private final class QueryParts implements MemberReader.Handler {
    private CollectionSchema<?> collection;
    private Object id;
    private boolean first;
    private Condition<?> where;
    private List<? extends Order<?>> orderBy = List.of();
    private OptionalInt limit = OptionalInt.empty();
    private List<? extends Include<?, ?>> includes = List.of();

    @Override
    public boolean accept(String name, JsonParser in, boolean last) throws IOException {
      switch (name) {
        case "collection":
          collection = collection(in);
          return true;
        case "first":
          first = JsonReads.bool(in, "");
          return true;
        case "limit":
          limit = OptionalInt.of(limit(in));
          return true;
        case "id":
        case "where":
        case "orderBy":
        case "include":
          if (collection == null) {
            return false;
          }
          readDependent(name, in);
          return true;
        default:
          throw unknownMember(in, "a query", QUERY_MEMBERS);
      }
    }

    private void readDependent(String name, JsonParser in) throws IOException {
      switch (name) {
        case "id":
          id = JsonReads.nested(in, "", collection.id().codec());
          break;
        case "where":
          where = condition(collection, in, 1);
          break;
        case "orderBy":
          orderBy = orders(collection, in);
          break;
        default:
          includes = includes(collection, in, 1);
          break;
      }
    }

    @Override
    public void checkRequired(JsonParser end) {
      if (collection == null) {
        throw JsonReads.missingFields(end, List.of("collection"));
      }
    }

    QuerySpec<?> build(JsonParser end) {
      if (first && id != null) {
        throw JsonReads.at(end, ErrorCode.INVALID_QUERY, "",
            "a query asks for the first row or for one id, not both");
      }
      Cardinality cardinality = id != null ? Cardinality.ONE : first ? Cardinality.FIRST : Cardinality.MANY;
      if (cardinality != Cardinality.MANY && limit.isPresent()) {
        throw JsonReads.at(end, ErrorCode.INVALID_QUERY, "limit",
            "a query for a single row takes no limit");
      }
      return spec(collection, where, orderBy, limit, cardinality, id, includes);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> QuerySpec<T> spec(CollectionSchema<T> collection, Condition<?> where,
      List<? extends Order<?>> orderBy, OptionalInt limit, Cardinality cardinality, Object id,
      List<? extends Include<?, ?>> includes) {
    return new QuerySpec<>(collection, Optional.ofNullable((Condition<T>) where),
        (List<Order<T>>) orderBy, limit, cardinality, Optional.ofNullable(id),
        (List<Include<T, ?>>) includes);
  }

  private CollectionSchema<?> collection(JsonParser in) throws IOException {
    String name = JsonReads.string(in, "");
    return schema.collection(name).orElseThrow(() -> JsonReads.at(in, ErrorCode.UNKNOWN_COLLECTION, "",
        "unknown collection '" + JsonReads.shortened(name) + "'"
            + Suggestions.didYouMean(name, schema.collectionNames())
            + "; the schema has: " + String.join(", ", schema.collectionNames())));
  }

  private int limit(JsonParser in) throws IOException {
    int limit = JsonReads.intValue(in, "");
    if (limit < 1) {
      throw JsonReads.at(in, ErrorCode.INVALID_QUERY, "", "limit must be at least 1, not " + limit);
    }
    if (limit > limits.maxLimit()) {
      throw JsonReads.at(in, ErrorCode.LIMIT_EXCEEDED, "",
          "limit " + limit + " exceeds the maximum of " + limits.maxLimit());
    }
    return limit;
  }

  private void countNode(JsonParser in) {
    if (++nodes > limits.maxNodes()) {
      throw JsonReads.at(in, ErrorCode.LIMIT_EXCEEDED, "", "the query has more than "
          + limits.maxNodes() + " conditions, order keys and includes");
    }
  }

  <T> Condition<T> condition(CollectionSchema<T> collection, JsonParser in, int depth) throws IOException {
    if (depth > limits.maxDepth()) {
      throw JsonReads.at(in, ErrorCode.LIMIT_EXCEEDED, "",
          "conditions nest deeper than " + limits.maxDepth() + " levels");
    }
    countNode(in);
    ConditionReader<T> reader = new ConditionReader<>(this, collection, depth);
    MemberReader.read(in, factory, reader);
    return reader.build(in);
  }

  /** An array, each element read by {@code element}; errors get the element's index. */
  <E> List<E> array(JsonParser in, int maxSize, String what, ElementReader<E> element) throws IOException {
    if (in.currentToken() != JsonToken.START_ARRAY) {
      throw JsonReads.unexpected(in, "", "an array");
    }
    List<E> items = new ArrayList<>();
    for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
      if (items.size() == maxSize) {
        throw JsonReads.at(in, ErrorCode.LIMIT_EXCEEDED, "", "more than " + maxSize + " " + what);
      }
      try {
        items.add(element.read(in));
      } catch (DecodeException e) {
        throw e.within("[" + items.size() + "]");
      }
    }
    return items;
  }

  /** Reads one array element at the current token. */
  interface ElementReader<E> {
    E read(JsonParser in) throws IOException;
  }

  private <T> List<Order<T>> orders(CollectionSchema<T> collection, JsonParser in) throws IOException {
    return array(in, limits.maxNodes(), "order keys", element -> order(collection, element));
  }

  private <T> Order<T> order(CollectionSchema<T> collection, JsonParser in) throws IOException {
    countNode(in);
    OrderParts<T> parts = new OrderParts<>(collection);
    MemberReader.read(in, factory, parts);
    return parts.build(in);
  }

  /** The members of one order key. */
  private final class OrderParts<T> implements MemberReader.Handler {
    private final CollectionSchema<T> collection;
    private Field<T, ?> field;
    private boolean descending;
    private Boolean nullsFirst;

    OrderParts(CollectionSchema<T> collection) {
      this.collection = collection;
    }

    @Override
    public boolean accept(String name, JsonParser in, boolean last) throws IOException {
      switch (name) {
        case "field":
          field = field(collection, in);
          if (!(field instanceof Sortable)) {
            throw JsonReads.at(in, ErrorCode.OPERATOR_NOT_ALLOWED, "", "field '" + field.name()
                + "' cannot be sorted; sortable fields of " + collection.name() + ": "
                + sortableFields(collection));
          }
          return true;
        case "direction":
          descending = choice(in, "asc", "desc");
          return true;
        case "nulls":
          nullsFirst = choice(in, "last", "first");
          return true;
        default:
          throw unknownMember(in, "an order key", ORDER_MEMBERS);
      }
    }

    @Override
    public void checkRequired(JsonParser end) {
      if (field == null) {
        throw JsonReads.missingFields(end, List.of("field"));
      }
    }

    Order<T> build(JsonParser end) {
      Order<T> order = Order.by(field, descending ? Order.Direction.DESC : Order.Direction.ASC);
      if (nullsFirst == null) {
        return order;
      }
      return nullsFirst ? order.nullsFirst() : order.nullsLast();
    }
  }

  /** Reads one of two strings: false for {@code no}, true for {@code yes}. */
  private static boolean choice(JsonParser in, String no, String yes) throws IOException {
    String value = JsonReads.string(in, "");
    if (value.equals(no)) {
      return false;
    }
    if (value.equals(yes)) {
      return true;
    }
    throw JsonReads.invalid(in, "", "expected \"" + no + "\" or \"" + yes + "\", not \""
        + JsonReads.shortened(value) + "\"");
  }

  <T> List<Include<T, ?>> includes(CollectionSchema<T> collection, JsonParser in, int depth) throws IOException {
    if (depth > limits.maxIncludeDepth()) {
      throw JsonReads.at(in, ErrorCode.LIMIT_EXCEEDED, "",
          "includes nest deeper than " + limits.maxIncludeDepth() + " levels");
    }
    List<Include<T, ?>> includes = array(in, limits.maxNodes(), "includes",
        element -> include(collection, element, depth));
    for (int i = 0; i < includes.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (includes.get(i).relation() == includes.get(j).relation()) {
          throw JsonReads.at(in, ErrorCode.INVALID_QUERY, "[" + i + "]",
              "relation '" + includes.get(i).relation().name() + "' is included twice");
        }
      }
    }
    return includes;
  }

  private <T> Include<T, ?> include(CollectionSchema<T> collection, JsonParser in, int depth) throws IOException {
    countNode(in);
    IncludeParts<T> parts = new IncludeParts<>(collection, depth);
    MemberReader.read(in, factory, parts);
    return parts.build(in);
  }

  /** The members of one include. */
  private final class IncludeParts<T> implements MemberReader.Handler {
    private final CollectionSchema<T> collection;
    private final int depth;
    private Relation<T, ?> relation;
    private Condition<?> where;
    private List<? extends Order<?>> orderBy = List.of();
    private OptionalInt limit = OptionalInt.empty();
    private List<? extends Include<?, ?>> nested = List.of();

    IncludeParts(CollectionSchema<T> collection, int depth) {
      this.collection = collection;
      this.depth = depth;
    }

    @Override
    public boolean accept(String name, JsonParser in, boolean last) throws IOException {
      switch (name) {
        case "relation":
          relation = relation(collection, in);
          return true;
        case "limit":
          limit = OptionalInt.of(limit(in));
          return true;
        case "where":
        case "orderBy":
        case "include":
          if (relation == null) {
            return false;
          }
          readDependent(name, relation.target(), in);
          return true;
        default:
          throw unknownMember(in, "an include", INCLUDE_MEMBERS);
      }
    }

    private void readDependent(String name, CollectionSchema<?> target, JsonParser in) throws IOException {
      switch (name) {
        case "where":
          where = condition(target, in, 1);
          break;
        case "orderBy":
          orderBy = orders(target, in);
          break;
        default:
          nested = includes(target, in, depth + 1);
          break;
      }
    }

    @Override
    public void checkRequired(JsonParser end) {
      if (relation == null) {
        throw JsonReads.missingFields(end, List.of("relation"));
      }
    }

    Include<T, ?> build(JsonParser end) {
      if (relation instanceof ToOne && (!orderBy.isEmpty() || limit.isPresent())) {
        throw JsonReads.at(end, ErrorCode.INVALID_QUERY, "", "relation '" + relation.name()
            + "' is to-one: its include loads at most one row and takes no orderBy or limit"
            + " (a where is allowed: the target is included only when it matches)");
      }
      return include(relation, where, orderBy, limit, nested);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T, U> Include<T, U> include(Relation<T, U> relation, Condition<?> where,
      List<? extends Order<?>> orderBy, OptionalInt limit, List<? extends Include<?, ?>> nested) {
    return new Include<>(relation, Optional.ofNullable((Condition<U>) where), (List<Order<U>>) orderBy,
        limit, (List<Include<U, ?>>) nested);
  }

  <T> Field<T, ?> field(CollectionSchema<T> collection, JsonParser in) throws IOException {
    String name = JsonReads.string(in, "");
    return collection.field(name).orElseThrow(() -> {
      List<String> names = collection.fields().stream().map(Field::name).toList();
      return JsonReads.at(in, ErrorCode.UNKNOWN_FIELD, "", "collection " + collection.name()
          + " has no field '" + JsonReads.shortened(name) + "'" + Suggestions.didYouMean(name, names)
          + "; its fields: " + String.join(", ", names));
    });
  }

  <T> Relation<T, ?> relation(CollectionSchema<T> collection, JsonParser in) throws IOException {
    String name = JsonReads.string(in, "");
    return collection.relation(name).orElseThrow(() -> {
      List<String> names = collection.relations().stream().map(Relation::name).toList();
      return JsonReads.at(in, ErrorCode.UNKNOWN_RELATION, "", "collection " + collection.name()
          + " has no relation '" + JsonReads.shortened(name) + "'" + Suggestions.didYouMean(name, names)
          + (names.isEmpty() ? "; it has no relations" : "; its relations: " + String.join(", ", names)));
    });
  }

  QueryLimits limits() {
    return limits;
  }

  static DecodeException unknownMember(JsonParser in, String what, String allowed) {
    return JsonReads.at(in, ErrorCode.UNKNOWN_FIELD, "",
        "not a member of " + what + "; expected one of: " + allowed);
  }

  private static String sortableFields(CollectionSchema<?> collection) {
    return String.join(", ", collection.fields().stream()
        .filter(f -> f instanceof Sortable).map(Field::name).toList());
  }
}
