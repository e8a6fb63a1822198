package dev.live.processor;

/**
 * Every error the processor reports, in one place: what is wrong, what is allowed, and how to
 * fix it. Arguments fill the {@code %s}; each message is tagged with its constant's name, so
 * users can search for it.
 */
public enum Message {
  COLLECTION_NOT_A_RECORD("@Collection applies to records, and %s is %s; declare it as"
      + " 'record %s(@Id String id, ...)'"),
  MESSAGE_NOT_A_RECORD("@LiveMessage applies to records and enums, and %s is %s; declare it as"
      + " 'record %s(...)'"),
  MESSAGE_GENERIC("@LiveMessage record %s must not be generic: its codec reads one fixed shape"),
  COLLECTION_GENERIC("@Collection record %s must not be generic: all its rows share one table"
      + " with fixed column types"),
  COLLECTION_NOT_ACCESSIBLE("@Collection record %s must be accessible from its package: it may"
      + " not be private or local"),
  COLLECTION_NAME_INVALID("collection name \"%s\" is not allowed: use a letter followed by"
      + " letters, digits or underscores, at most 63 characters"),
  COLLECTION_NAME_DUPLICATE("collection name \"%s\" is also used by %s; collection names are"
      + " unique within an application"),
  ID_MISSING("%s has no @Id component; mark exactly one component as the id, e.g."
      + " '@Id String id'"),
  ID_DUPLICATE("%s has a second @Id component '%s' (the first is '%s'); a collection has"
      + " exactly one id"),
  ID_TYPE("@Id component '%s' has type %s; an id is a String, UUID, int/Integer or long/Long"),
  ID_NULLABLE("@Id component '%s' is @Nullable; an id is never null"),
  UNSUPPORTED_TYPE("%s has type %s, which Live cannot store or send; supported: String,"
      + " boolean, int, long, double (and Boolean, Integer, Long, Double), BigDecimal, Instant,"
      + " LocalDate, UUID, enums, records of these, and List of these"),
  // The first argument (the collection being read) is not shown: the second says where.
  UNRESOLVED_TYPE("%2$s could not be resolved: check its spelling and imports, or that the"
      + " annotation processor that generates it runs"),
  NULLABLE_PRIMITIVE("%s is @Nullable but has primitive type %s, which cannot be null; use %s"),
  NULLABLE_LIST_ELEMENT("%s has type %s: list elements cannot be null; remove @Nullable from"
      + " the element type"),
  TYPE_NOT_ACCESSIBLE("%s has type %s, which is private; generated code must be able to use it"),
  COMPONENT_NAME_RESERVED("component name '%s' is reserved: generated %s has a member of that"
      + " name; rename the component"),
  COMPONENT_NAME_ILLEGAL("component name '%s' is not allowed: a record component may not be named"
      + " like a method of Object; rename the component"),
  COLUMN_CLASH("components '%s' and '%s' both map to column %s; rename one"),
  INDEX_ON_JSON("@%s on '%s' is not allowed: '%s' is stored as JSON, which storage does not"
      + " index"),
  REF_ON_JSON("@Ref on '%s' is not allowed: a reference holds the target's id, not %s"),
  REF_NOT_COLLECTION("@Ref target %s is not a @Collection record; @Ref points at a record"
      + " annotated with @Collection"),
  REF_TYPE_MISMATCH("@Ref component '%s' has type %s, but the id '%s' of %s has type %s; a"
      + " reference has the type of its target's id"),
  REF_NAME_REQUIRED("@Ref component '%s' does not end in 'Id', so its relation needs a name:"
      + " @Ref(value = %s.class, name = \"...\")"),
  RELATION_NAME_INVALID("relation name \"%s\" is not allowed: use a Java identifier that starts"
      + " with a letter and is not a keyword"),
  RELATION_NAME_RESERVED("relation name '%s' is reserved: generated %s has a member of that"
      + " name; choose another with @Ref(name = ...)"),
  RELATION_NAME_CLASH("relation '%s' of %s clashes with %s; choose another name with"
      + " @Ref(name = ...)"),
  INVERSE_NAME_CLASH("inverse relation '%s' on %s clashes with %s of %s; choose another name with"
      + " @Ref(inverse = ...)"),
  PROCEDURE_NOT_PUBLIC("@Procedure method %s must be public: the generated dispatcher calls it"),
  PROCEDURE_STATIC("@Procedure method %s must not be static: the server calls it on the"
      + " service object the application registers"),
  PROCEDURE_GENERIC("@Procedure method %s must not be generic: its input and output types are"
      + " fixed on the wire"),
  PROCEDURE_CLASS_NOT_ACCESSIBLE("class %s declares @Procedure methods, so it must be public and"
      + " top-level or static"),
  PROCEDURE_CLASS_GENERIC("class %s declares @Procedure methods, so it must not be generic: the"
      + " server calls one service object of it, whose procedures have fixed types"),
  PROCEDURE_TOO_MANY_VALUES("@Procedure method %s takes %s value parameters (%s); a procedure"
      + " takes at most one, plus optionally a ProcedureContext; put several values in a record"),
  PROCEDURE_TWO_CONTEXTS("@Procedure method %s takes ProcedureContext twice; declare it once"),
  PROCEDURE_UNSUPPORTED_PARAMETER("parameter '%s' of @Procedure method %s has type %s, which"
      + " cannot be sent; supported: String, boolean, int, long, double (and Boolean, Integer,"
      + " Long, Double), BigDecimal, Instant, LocalDate, UUID, enums, records of these, and List"
      + " of these"),
  PROCEDURE_UNSUPPORTED_RETURN("@Procedure method %s returns %s, which cannot be sent;"
      + " supported: void, String, boolean, int, long, double (and Boolean, Integer, Long,"
      + " Double), BigDecimal, Instant, LocalDate, UUID, enums, records of these, and List of"
      + " these"),
  LIVE_QUERY_PROCEDURE_KIND("@Procedure method %s returns a query, which makes it a live query"
      + " procedure: declare it with kind = Procedure.Kind.QUERY"),
  LIVE_QUERY_NOT_A_COLLECTION("@Procedure method %s returns a query over %s, which is not a"
      + " @Collection record of this compilation; a live query procedure returns a collection's query,"
      + " such as TaskQuery<Task>, ListQuery<Task, TaskRow> or SingleQuery<Task, Task>"),
  LIVE_QUERY_AMBIGUOUS("@Procedure method %s returns %s, which is the generated query of several"
      + " collections (%s); write its qualified name"),
  LIVE_QUERY_NULLABLE("@Procedure method %s returns a live query, which is never null: remove"
      + " @Nullable"),
  PROCEDURE_NAME_INVALID("procedure name \"%s\" is not allowed: use a Java identifier that"
      + " starts with a letter and is not a keyword or 'ALL'"),
  PROCEDURE_NAME_RESERVED("procedure name '%s' is reserved: the generated %s has a method of that"
      + " name; choose another with @Procedure(name = ...)"),
  PROCEDURE_NAME_DUPLICATE("procedure name '%s' is also used by %s; procedure names are unique"
      + " within an application; rename one with @Procedure(name = ...)"),
  PROCEDURE_ROLE_INVALID("role \"%s\" of @Procedure method %s is not allowed: a role is a letter"
      + " followed by letters, digits, '_', '-', '.' or ':', at most 64 characters, such as ADMIN or"
      + " billing:admin"),
  PROCEDURE_ROLE_DUPLICATE("role '%s' is named twice in @Procedure method %s; name each role once"),
  ROOM_NAME_INVALID("room type name \"%s\" is not allowed: use a letter followed by up to 31 letters,"
      + " digits, _ and -"),
  ROOM_NAME_DUPLICATE("room type name \"%s\" is also declared by %s; room type names are unique within an"
      + " application"),
  ROOM_RECORD_INVALID("%s is %s; it must be a record that is not generic, such as 'record Viewer(String name)'"),
  ROOM_EVENT_NAME_INVALID("event name \"%s\" of room type '%s' is not allowed: use a letter followed by up"
      + " to 63 letters, digits, _, . and -"),
  ROOM_EVENT_DUPLICATE("room type '%s' declares event \"%s\" twice; event names are unique in a room type"),
  ROOM_EVENT_CONSTANT_CLASH("events \"%s\" and \"%s\" of room type '%s' would both be the Java constant %s;"
      + " rename one"),
  ROOM_OWNER_TAKEN("@LiveRoom on %s, which is %s: the room's generated %s would take the name Live gives"
      + " that type's own; declare the room on a type of its own, such as 'final class BoardRoom {}'"),
  TYPESCRIPT_DIR_UNWRITABLE("option live.typescript.dir=%s: cannot write %s there (%s); name a folder the"
      + " build may create and write, as an absolute path or relative to the compiler's working directory"),
  SCHEMA_NAME_INVALID("option live.schema=%s is not a qualified class name such as"
      + " com.example.AppSchema"),
  SCHEMA_PACKAGE_UNKNOWN("the collections, procedures, messages and rooms share no named package to put the schema"
      + " registry in; name it with the compiler option -Alive.schema=com.example.AppSchema"),
  LATE_ROUND("%s appeared in a later processing round (made by another annotation processor);"
      + " Live reads @Collection, @Procedure, @LiveMessage and @LiveRoom in the first round only"),
  GENERATED_NAME_TAKEN("cannot generate %s: %s; rename one of them"),
  TYPESCRIPT_NAME_TAKEN("the TypeScript declarations %s cannot name %s '%s': %s; rename it"),
  INTERNAL_ERROR("internal error in the Live processor: %s; please report it with this"
      + " message:%n%s");

  private final String template;

  Message(String template) {
    this.template = template;
  }

  /** The text with arguments filled in and the tag in front. */
  public String format(Object... arguments) {
    return "[" + name() + "] " + String.format(template, arguments);
  }
}
