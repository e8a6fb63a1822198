package dev.live.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.live.dto.InsertDto;
import dev.live.dto.UpdateDto;
import dev.live.jdbc.ParameterBinder;
import dev.live.jdbc.RowMapper;
import dev.live.json.JsonCodec;
import dev.live.query.Field;
import dev.live.query.LiveRow;
import dev.live.query.Relation;
import dev.live.query.RowShape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the runtime knows about one collection, generated as {@code Task_.COLLECTION}:
 * its name and table, its fields in component order, its relations, and the generated codecs,
 * row mapper, parameter binder and row type. Built once per collection, compared by identity.
 */
public final class CollectionSchema<T> {
  private final String name;
  private final String table;
  private final Class<T> type;
  private final List<Field<T, ?>> fields;
  private final Map<String, Field<T, ?>> fieldsByName;
  private final Field<T, ?> id;
  private final List<Relation<T, ?>> relations;
  private final Map<String, Relation<T, ?>> relationsByName;
  private final JsonCodec<T> codec;
  private final JsonCodec<? extends InsertDto<T>> insertCodec;
  private final JsonCodec<? extends UpdateDto<T>> updateCodec;
  private final RowMapper<T> rowMapper;
  private final ParameterBinder<T> binder;
  private final RowShape<T, ? extends LiveRow<T>> rows;

  private CollectionSchema(Builder<T> b) {
    this.name = b.name;
    this.table = Objects.requireNonNull(b.table, "table");
    this.type = b.type;
    this.fields = List.copyOf(b.fields);
    this.relations = List.copyOf(b.relations);
    this.codec = Objects.requireNonNull(b.codec, "codec");
    this.insertCodec = Objects.requireNonNull(b.insertCodec, "insertCodec");
    this.updateCodec = Objects.requireNonNull(b.updateCodec, "updateCodec");
    this.rowMapper = Objects.requireNonNull(b.rowMapper, "rowMapper");
    this.binder = Objects.requireNonNull(b.binder, "binder");
    this.rows = Objects.requireNonNull(b.rows, "rows");

    Map<String, Field<T, ?>> byName = new LinkedHashMap<>();
    Field<T, ?> idField = null;
    for (int i = 0; i < fields.size(); i++) {
      Field<T, ?> field = fields.get(i);
      if (field.index() != i) {
        throw new IllegalArgumentException(name + ": field " + field.name() + " has index "
            + field.index() + " but is listed at position " + i);
      }
      if (byName.put(field.name(), field) != null) {
        throw new IllegalArgumentException(name + " has two fields named " + field.name());
      }
      if (field.isId()) {
        if (idField != null) {
          throw new IllegalArgumentException(name + " has two id fields");
        }
        idField = field;
      }
    }
    if (idField == null) {
      throw new IllegalArgumentException(name + " has no id field");
    }
    this.id = idField;
    this.fieldsByName = Collections.unmodifiableMap(byName);
    Map<String, Relation<T, ?>> relationMap = new LinkedHashMap<>();
    for (Relation<T, ?> relation : relations) {
      if (byName.containsKey(relation.name()) || relationMap.put(relation.name(), relation) != null) {
        throw new IllegalArgumentException(name + ": relation " + relation.name()
            + " clashes with a field or another relation");
      }
    }
    this.relationsByName = Collections.unmodifiableMap(relationMap);
  }

  public static <T> Builder<T> builder(String name, Class<T> type) {
    return new Builder<>(name, type);
  }

  /** The collection's name, as on the wire. */
  public String name() {
    return name;
  }

  /** The storage table. */
  public String table() {
    return table;
  }

  /** The collection's record class. */
  public Class<T> type() {
    return type;
  }

  /** The fields in the record's component order. */
  public List<Field<T, ?>> fields() {
    return fields;
  }

  public Optional<Field<T, ?>> field(String name) {
    return Optional.ofNullable(fieldsByName.get(name));
  }

  /** The field marked {@code @Id}. */
  public Field<T, ?> id() {
    return id;
  }

  /** The relations starting from this collection: to-one first, then to-many, by declaration. */
  public List<Relation<T, ?>> relations() {
    return relations;
  }

  /** Whether {@code id} is a value of this collection's id type ({@code String} for a String id, ...). */
  public boolean isIdValue(Object id) {
    switch (this.id.type()) {
      case STRING:
        return id instanceof String;
      case INT:
        return id instanceof Integer;
      case LONG:
        return id instanceof Long;
      case UUID:
        return id instanceof java.util.UUID;
      default:
        return false;
    }
  }

  public Optional<Relation<T, ?>> relation(String name) {
    return Optional.ofNullable(relationsByName.get(name));
  }

  /** The codec of the record. */
  public JsonCodec<T> codec() {
    return codec;
  }

  /** The codec of the generated insert DTO. */
  public JsonCodec<? extends InsertDto<T>> insertCodec() {
    return insertCodec;
  }

  /** The codec of the generated update DTO. */
  public JsonCodec<? extends UpdateDto<T>> updateCodec() {
    return updateCodec;
  }

  /**
   * Writes an update DTO of this collection. The generated update type is the only subclass of
   * {@code UpdateDto<T>}, so the update codec accepts every value of that type.
   */
  @SuppressWarnings("unchecked")
  public void writeUpdate(JsonGenerator out, UpdateDto<T> update) throws IOException {
    ((JsonCodec<UpdateDto<T>>) updateCodec).write(out, update);
  }

  /** Writes an insert DTO of this collection; see {@link #writeUpdate}. */
  @SuppressWarnings("unchecked")
  public void writeInsert(JsonGenerator out, InsertDto<T> insert) throws IOException {
    ((JsonCodec<InsertDto<T>>) insertCodec).write(out, insert);
  }

  public RowMapper<T> rowMapper() {
    return rowMapper;
  }

  public ParameterBinder<T> binder() {
    return binder;
  }

  /** Builds the generated row type ({@code TaskRow}) for results with includes. */
  public RowShape<T, ? extends LiveRow<T>> rows() {
    return rows;
  }

  @Override
  public String toString() {
    return name;
  }

  /** Assembles a schema; used by generated code. */
  public static final class Builder<T> {
    private final String name;
    private final Class<T> type;
    private String table;
    private final List<Field<T, ?>> fields = new ArrayList<>();
    private final List<Relation<T, ?>> relations = new ArrayList<>();
    private JsonCodec<T> codec;
    private JsonCodec<? extends InsertDto<T>> insertCodec;
    private JsonCodec<? extends UpdateDto<T>> updateCodec;
    private RowMapper<T> rowMapper;
    private ParameterBinder<T> binder;
    private RowShape<T, ? extends LiveRow<T>> rows;

    private Builder(String name, Class<T> type) {
      this.name = Objects.requireNonNull(name, "name");
      this.type = Objects.requireNonNull(type, "type");
      this.table = name;
    }

    public Builder<T> table(String table) {
      this.table = table;
      return this;
    }

    public Builder<T> fields(List<? extends Field<T, ?>> fields) {
      this.fields.addAll(fields);
      return this;
    }

    public Builder<T> relations(List<? extends Relation<T, ?>> relations) {
      this.relations.addAll(relations);
      return this;
    }

    public Builder<T> codec(JsonCodec<T> codec) {
      this.codec = codec;
      return this;
    }

    public Builder<T> insertCodec(JsonCodec<? extends InsertDto<T>> insertCodec) {
      this.insertCodec = insertCodec;
      return this;
    }

    public Builder<T> updateCodec(JsonCodec<? extends UpdateDto<T>> updateCodec) {
      this.updateCodec = updateCodec;
      return this;
    }

    public Builder<T> rowMapper(RowMapper<T> rowMapper) {
      this.rowMapper = rowMapper;
      return this;
    }

    public Builder<T> binder(ParameterBinder<T> binder) {
      this.binder = binder;
      return this;
    }

    public Builder<T> rows(RowShape<T, ? extends LiveRow<T>> rows) {
      this.rows = rows;
      return this;
    }

    public CollectionSchema<T> build() {
      return new CollectionSchema<>(this);
    }
  }
}
