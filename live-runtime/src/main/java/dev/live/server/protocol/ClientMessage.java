package dev.live.server.protocol;

import dev.live.dto.InsertDto;
import dev.live.dto.UpdateDto;
import dev.live.procedure.ProcedureCall;
import dev.live.procedure.ProcedureDispatcher;
import dev.live.query.QuerySpec;
import dev.live.room.EventType;
import dev.live.room.RoomType;
import dev.live.schema.CollectionSchema;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A message from a client, decoded and validated against the schema ({@code docs/protocol.md}).
 * Every message but {@code hello}'s reply is a request: its {@code id} (a JSON string or integer)
 * is kept as JSON text, to be echoed in the reply exactly as it came.
 */
public sealed interface ClientMessage {
  /** The request's id as JSON text. */
  String id();

  /** Opens a session: the protocol version the client speaks and, to resume, its client id. */
  record Hello(String id, int protocol, Optional<String> clientId) implements ClientMessage {}

  /** Starts a subscription named by {@code id}, to a query or to a live query procedure's query. */
  record Subscribe(String id, Source source, OptionalLong from) implements ClientMessage {}

  /** What a subscription follows. */
  sealed interface Source {}

  /** A query sent in its wire form. */
  record QuerySource(QuerySpec<?> query) implements Source {}

  /** The query a live query procedure returns for {@code call}'s input. */
  record ProcedureSource(ProcedureDispatcher dispatcher, ProcedureCall call) implements Source {}

  /** Ends the subscription named by {@code id}. */
  record Unsubscribe(String id) implements ClientMessage {}

  /** Runs a query once. */
  record Query(String id, QuerySpec<?> query) implements ClientMessage {}

  /** A write, applied at most once per client id and {@code seq}. */
  record Mutate(String id, long seq, Mutation mutation) implements ClientMessage {}

  /** Calls a procedure; with a {@code seq}, its writes apply at most once, like a mutation's. */
  record Call(String id, ProcedureDispatcher dispatcher, ProcedureCall call, OptionalLong seq)
      implements ClientMessage {}

  /** Asks for a {@code pong}. */
  record Ping(String id) implements ClientMessage {}

  /** A room named on the wire ({@code board:b1}) and its type. */
  record RoomName(RoomType<?, ?> type, String name) {}

  /** Joins a room with this member's presence metadata (validated, as canonical JSON). */
  record Join(String id, RoomName room, String presence) implements ClientMessage {}

  /** Leaves a room. */
  record Leave(String id, RoomName room) implements ClientMessage {}

  /** Sends an event (its payload validated, as canonical JSON) to the room's other members, or to all. */
  record Emit(String id, RoomName room, EventType<?> event, String data, boolean toSelf) implements ClientMessage {}

  /** Merges top-level fields (each as JSON text) into the room's state. */
  record SetState(String id, RoomName room, Map<String, String> changes) implements ClientMessage {
    public SetState {
      changes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(changes));
    }
  }

  /** Replaces this member's presence metadata in a room. */
  record SetPresence(String id, RoomName room, String presence) implements ClientMessage {}

  /** What a {@code mutate} does. */
  sealed interface Mutation {
    CollectionSchema<?> collection();

    /** "insert", "update" or "delete", as on the wire. */
    String operation();
  }

  /** Inserts a row. */
  record Insert(InsertDto<?> row) implements Mutation {
    @Override
    public CollectionSchema<?> collection() {
      return row.collection();
    }

    @Override
    public String operation() {
      return "insert";
    }
  }

  /** Sets fields of the row with {@code key}. */
  record Update(Object key, UpdateDto<?> changes) implements Mutation {
    public Update {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public CollectionSchema<?> collection() {
      return changes.collection();
    }

    @Override
    public String operation() {
      return "update";
    }
  }

  /** Deletes the row with {@code key}. */
  record Delete(CollectionSchema<?> collection, Object key) implements Mutation {
    public Delete {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String operation() {
      return "delete";
    }
  }
}
