package dev.live.error;

/**
 * Stable, machine-readable error codes. The name of each constant is what the wire protocol
 * sends as {@code code}; names never change once released.
 */
public enum ErrorCode {
  /** The input is not well-formed JSON, or has content after the value. */
  MALFORMED_JSON,
  /** The input exceeds a configured limit (nesting depth, string or number length, count). */
  LIMIT_EXCEEDED,
  /** An object has a field its type does not declare. */
  UNKNOWN_FIELD,
  /** An object has the same field twice. */
  DUPLICATE_FIELD,
  /** A value has the wrong JSON type (a number where a string is expected, say). */
  WRONG_TYPE,
  /** One or more required fields are absent. */
  MISSING_FIELD,
  /** A field that may not be null is null. */
  NULL_NOT_ALLOWED,
  /** A value has the right JSON type but is not acceptable (bad UUID, unknown enum constant). */
  INVALID_VALUE,
  /** An update tries to change a field that cannot change (the id). */
  FIELD_NOT_UPDATABLE,
  /** A query names a collection the schema does not have. */
  UNKNOWN_COLLECTION,
  /** A query names a relation the collection does not have. */
  UNKNOWN_RELATION,
  /** A query uses an operator that does not exist. */
  UNKNOWN_OPERATOR,
  /** A query uses an operator the field's type does not allow (gt on a boolean, say). */
  OPERATOR_NOT_ALLOWED,
  /** A query is otherwise invalid (limit below 1, an include that cannot have a where). */
  INVALID_QUERY,
  /** A call names a procedure the schema does not have. */
  UNKNOWN_PROCEDURE,
  /** A procedure threw, or returned a value its declaration does not allow. */
  PROCEDURE_FAILED,
  /** The row a request names does not exist. */
  NOT_FOUND,
  /** The caller may not do this: a missing role, or a rule that refused. */
  FORBIDDEN,
  /** Storage holds a value the schema cannot represent (NULL in a required column, say). */
  INVALID_STORED_VALUE,
  /** An insert uses an id that another row of the collection already has. */
  ALREADY_EXISTS,
  /** A write would give a {@code @Unique} field a value another row already has. */
  UNIQUE_VIOLATION,
  /** A write sets a {@code @Ref} field to an id that its target collection does not have. */
  REFERENCE_NOT_FOUND,
  /** A delete would leave rows of another collection referring to the deleted row. */
  STILL_REFERENCED,
  /** A value is longer than storage can hold (H2 keeps at most 1,000,000,000 characters). */
  VALUE_TOO_LONG,
  /** A hook refused the write, with its reason. */
  REJECTED,
  /**
   * Concurrent transactions conflicted (a serialization failure or a deadlock) and the unit
   * still failed after being run again the configured number of times.
   */
  CONFLICT,
  /** Storage failed for a reason that is not the input's fault; the message says which. */
  STORAGE_FAILED,
  /** The database's tables do not fit the schema in a way Live will not change by itself. */
  SCHEMA_MISMATCH,
  /** A room name's type is not one of the server's room types. */
  UNKNOWN_ROOM_TYPE,
  /** An event is not one the room's type carries. */
  UNKNOWN_EVENT,
  /** A room request comes from a connection that is not a member of the room. */
  NOT_IN_ROOM,
  /** A message's {@code type} is not one the protocol has. */
  UNKNOWN_MESSAGE,
  /**
   * A well-formed message at the wrong time: anything before {@code hello}, a second {@code
   * hello}, a subscription id already in use, an unsubscribe of an unknown subscription.
   */
  PROTOCOL_VIOLATION,
  /** {@code hello} names a protocol version the server does not speak. */
  UNSUPPORTED_VERSION,
  /** The request carries no credentials, or credentials the server does not accept. */
  UNAUTHENTICATED,
  /**
   * A procedure call carries a sequence number this client used before: it was applied then and
   * is not run again. (A repeated mutation gets an ack with status {@code duplicate} instead.)
   */
  ALREADY_APPLIED,
  /**
   * A WebSocket upgrade came from a web page whose origin the server does not list (or carried no
   * {@code Origin} header while the server lists origins): it is refused with HTTP 403 before the
   * upgrade and before authentication.
   */
  ORIGIN_NOT_ALLOWED,
  /**
   * A WebSocket upgrade was refused with HTTP 503 before it opened: the server, the client's
   * address or its user already has as many connections as the server allows. Try again later, or
   * close another connection first.
   */
  TOO_MANY_CONNECTIONS,
  /**
   * The connection, or the user's connections together, sent messages faster than the server's
   * rate limit: this request was not run. Send it again more slowly; a connection that keeps
   * sending over the limit is closed (1008).
   */
  RATE_LIMITED,
  /**
   * A database statement of this request ran longer than the server's statement timeout (waiting
   * for locks included) and the database canceled it: the request did not take effect. It is not
   * retried by the server; sending it again may succeed once what held it up has passed. HTTP 504.
   */
  TIMEOUT,
  /**
   * A write would store a row larger than its collection's write quota allows (its JSON encoding, in
   * bytes; {@code LiveServer.Builder.writeQuota}): nothing was written, and the same row never
   * fits. HTTP 413.
   */
  ROW_TOO_LARGE,
  /**
   * A write would take its writer (the user, or the anonymous clients of one address) beyond the
   * bytes per minute its collection's write quota allows: nothing was written. It fits again once
   * the allowance has refilled; the message says in about how long. HTTP 429.
   */
  QUOTA_EXCEEDED,
  /**
   * Client side: a mutation sent before, whose answer never came, was first sent longer ago than
   * the server keeps the record of a client's mutations ({@code welcome}'s {@code clientRetention}),
   * so it is not sent again: the server could no longer tell a retry from a new write and might
   * apply it twice. It may or may not have been applied; read the data, and write again if needed.
   */
  MUTATION_EXPIRED,
  /**
   * Client side: the request cannot complete because the client was closed, or, for a request
   * that cannot be sent again safely, because the connection dropped before its answer came.
   */
  DISCONNECTED,
  /** Client side: the queue of mutations waiting for a connection is full. */
  OFFLINE_QUEUE_FULL,
  /** Client side: the server answered with an error code this client does not know (the message names it). */
  UNKNOWN_ERROR,
  /**
   * The server stopped after a fatal error (HTTP 503; its connections were closed with 1011): a new
   * upgrade or request is refused until it is restarted. Connect again later, with backoff.
   */
  SERVER_STOPPED
}
