package dev.live.processor.write;

import com.palantir.javapoet.ClassName;

/** The runtime types generated code uses, by name: the processor does not depend on the runtime. */
final class RuntimeTypes {
  static final ClassName JSON_CODEC = ClassName.get("dev.live.json", "JsonCodec");
  static final ClassName JSON_READS = ClassName.get("dev.live.json", "JsonReads");
  static final ClassName JSON_WRITES = ClassName.get("dev.live.json", "JsonWrites");
  static final ClassName CODECS = ClassName.get("dev.live.json", "Codecs");
  static final ClassName ERROR_CODE = ClassName.get("dev.live.error", "ErrorCode");
  static final ClassName LIVE_EXCEPTION = ClassName.get("dev.live.error", "LiveException");

  static final ClassName FIELD_INFO = ClassName.get("dev.live.schema", "FieldInfo");
  static final ClassName FIELD_TYPE = ClassName.get("dev.live.schema", "FieldType");
  static final ClassName COLLECTION_SCHEMA = ClassName.get("dev.live.schema", "CollectionSchema");
  static final ClassName LIVE_SCHEMA = ClassName.get("dev.live.schema", "LiveSchema");

  static final ClassName FIELD = ClassName.get("dev.live.query", "Field");
  static final ClassName VALUE_FIELD = ClassName.get("dev.live.query", "ValueField");
  static final ClassName COMPARABLE_FIELD = ClassName.get("dev.live.query", "ComparableField");
  static final ClassName STRING_FIELD = ClassName.get("dev.live.query", "StringField");
  static final ClassName BOOLEAN_FIELD = ClassName.get("dev.live.query", "BooleanField");
  static final ClassName JSON_FIELD = ClassName.get("dev.live.query", "JsonField");
  static final ClassName RELATION = ClassName.get("dev.live.query", "Relation");
  static final ClassName TO_ONE = ClassName.get("dev.live.query", "ToOne");
  static final ClassName TO_MANY = ClassName.get("dev.live.query", "ToMany");
  static final ClassName CONDITION = ClassName.get("dev.live.query", "Condition");
  static final ClassName ORDER = ClassName.get("dev.live.query", "Order");
  static final ClassName INCLUDABLE = ClassName.get("dev.live.query", "Includable");
  static final ClassName QUERY_SPEC = ClassName.get("dev.live.query", "QuerySpec");
  static final ClassName LIST_QUERY = ClassName.get("dev.live.query", "ListQuery");
  static final ClassName TYPED_QUERY = ClassName.get("dev.live.query", "TypedQuery");
  static final ClassName SINGLE_QUERY = ClassName.get("dev.live.query", "SingleQuery");
  static final ClassName ROW_SHAPE = ClassName.get("dev.live.query", "RowShape");
  static final ClassName LIVE_ROW = ClassName.get("dev.live.query", "LiveRow");
  static final ClassName INCLUDED_VALUES = ClassName.get("dev.live.query", "IncludedValues");

  static final ClassName INSERT_DTO = ClassName.get("dev.live.dto", "InsertDto");
  static final ClassName UPDATE_DTO = ClassName.get("dev.live.dto", "UpdateDto");
  static final ClassName DTO_VALUES = ClassName.get("dev.live.dto", "DtoValues");

  static final ClassName ROW_MAPPER = ClassName.get("dev.live.jdbc", "RowMapper");
  static final ClassName PARAMETER_BINDER = ClassName.get("dev.live.jdbc", "ParameterBinder");
  static final ClassName ROW_READER = ClassName.get("dev.live.jdbc", "RowReader");
  static final ClassName PARAMETER_WRITER = ClassName.get("dev.live.jdbc", "ParameterWriter");
  static final ClassName STORED_VALUES = ClassName.get("dev.live.jdbc", "StoredValues");

  static final ClassName PROCEDURE = ClassName.get("dev.live.annotations", "Procedure");
  static final ClassName PROCEDURE_KIND = PROCEDURE.nestedClass("Kind");
  static final ClassName PROCEDURE_DESCRIPTOR = ClassName.get("dev.live.procedure", "ProcedureDescriptor");
  static final ClassName PROCEDURE_VALUE = ClassName.get("dev.live.procedure", "ProcedureValue");
  static final ClassName PROCEDURE_DISPATCHER = ClassName.get("dev.live.procedure", "ProcedureDispatcher");
  static final ClassName PROCEDURE_CONTEXT = ClassName.get("dev.live.procedure", "ProcedureContext");
  static final ClassName PROCEDURE_CALLER = ClassName.get("dev.live.procedure", "ProcedureCaller");
  static final ClassName PROCEDURE_SUBSCRIBER = ClassName.get("dev.live.subscription", "ProcedureSubscriber");
  static final ClassName SUBSCRIBABLE = ClassName.get("dev.live.subscription", "Subscribable");
  static final ClassName PROCEDURE_GROUP = ClassName.get("dev.live.procedure", "ProcedureGroup");

  static final ClassName ROOM_TYPE = ClassName.get("dev.live.room", "RoomType");
  static final ClassName ROOM_TYPE_BUILDER = ROOM_TYPE.nestedClass("Builder");
  static final ClassName EVENT_TYPE = ClassName.get("dev.live.room", "EventType");

  static final ClassName NULLABLE = ClassName.get("org.jspecify.annotations", "Nullable");
  static final ClassName SERIALIZED_STRING = ClassName.get("com.fasterxml.jackson.core.io", "SerializedString");
  static final ClassName JSON_GENERATOR = ClassName.get("com.fasterxml.jackson.core", "JsonGenerator");
  static final ClassName JSON_PARSER = ClassName.get("com.fasterxml.jackson.core", "JsonParser");
  static final ClassName IO_EXCEPTION = ClassName.get("java.io", "IOException");
  static final ClassName SQL_EXCEPTION = ClassName.get("java.sql", "SQLException");
  // Named with $T like every other type, so that a user type called String cannot hide it.
  static final ClassName STRING = ClassName.get(String.class);
  static final ClassName LIST = ClassName.get("java.util", "List");
  static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");
  static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
  static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName COMPLETABLE_FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private RuntimeTypes() {}
}
