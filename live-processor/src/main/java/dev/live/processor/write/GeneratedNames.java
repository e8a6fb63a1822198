package dev.live.processor.write;

import com.palantir.javapoet.ClassName;
import dev.live.processor.model.CollectionModel;
import dev.live.processor.model.ProcedureClassModel;
import dev.live.processor.model.RoomModel;
import dev.live.processor.model.SchemaModel;

/**
 * The names of generated types: suffixes on the source type's name, in its package. Nested
 * types flatten to {@code Outer_Inner} so that every generated type is top-level.
 */
public final class GeneratedNames {
  private final SchemaModel schema;

  GeneratedNames(SchemaModel schema) {
    this.schema = schema;
  }

  static ClassName metamodel(CollectionModel collection) {
    return metamodel(collection.type());
  }

  static ClassName query(CollectionModel collection) {
    return query(collection.type());
  }

  /** The query builder generated for the collection record {@code record}. */
  public static ClassName query(ClassName record) {
    return sibling(record, "Query");
  }

  /** The metamodel generated for the collection record {@code record}. */
  static ClassName metamodel(ClassName record) {
    return sibling(record, "_");
  }

  static ClassName row(CollectionModel collection) {
    return row(collection.type());
  }

  /** The row type (record with its includes) generated for the collection record {@code record}. */
  public static ClassName row(ClassName record) {
    return sibling(record, "Row");
  }

  static ClassName insert(CollectionModel collection) {
    return sibling(collection.type(), "Insert");
  }

  static ClassName update(CollectionModel collection) {
    return sibling(collection.type(), "Update");
  }

  static ClassName jdbc(CollectionModel collection) {
    return sibling(collection.type(), "Jdbc");
  }

  /**
   * The class holding the codec of a record or enum ({@code TaskJson.CODEC}). Types of the JDK
   * ({@code java.time.DayOfWeek}) get theirs in the registry's package, as nothing may be
   * generated into {@code java.*}.
   */
  ClassName json(ClassName type) {
    String flat = String.join("_", type.simpleNames()) + "Json";
    if (type.packageName().startsWith("java.") || type.packageName().startsWith("javax.")) {
      return ClassName.get(schema.registry().packageName(), flat);
    }
    return ClassName.get(type.packageName(), flat);
  }

  static ClassName procedureMetamodel(ProcedureClassModel owner) {
    return sibling(owner.type(), "_");
  }

  static ClassName dispatcher(ProcedureClassModel owner) {
    return sibling(owner.type(), "Dispatcher");
  }

  static ClassName client(ProcedureClassModel owner) {
    return sibling(owner.type(), "Client");
  }

  /** The descriptor of a {@code @LiveRoom} declaration: its events and the room type's builder. */
  static ClassName room(RoomModel room) {
    return sibling(room.type(), "_");
  }

  private static ClassName sibling(ClassName type, String suffix) {
    return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + suffix);
  }
}
