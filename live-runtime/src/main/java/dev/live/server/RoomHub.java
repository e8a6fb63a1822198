package dev.live.server;

import com.fasterxml.jackson.core.JsonFactory;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.DecodeException;
import dev.live.json.JsonCodec;
import dev.live.json.JsonObjects;
import dev.live.json.LiveJson;
import dev.live.room.RoomOptions;
import dev.live.room.RoomType;
import dev.live.server.protocol.ClientMessage;
import dev.live.server.protocol.ServerMessages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms a server holds: their members with presence, their state, and the fan-out of their
 * events. A room exists from its first join (or the server's first write) until its last member
 * leaves. Each room is changed under its own lock, and everything a change sends is queued to
 * the members under it, so every member sees a room's changes in one order, after its own
 * {@code joined}.
 */
final class RoomHub {
  private static final Logger log = LoggerFactory.getLogger(RoomHub.class);

  private final Map<String, RoomType<?, ?>> types;
  private final RoomOptions options;
  private final JsonFactory factory;
  private final Map<String, Room> rooms = new ConcurrentHashMap<>();

  RoomHub(Map<String, RoomType<?, ?>> types, RoomOptions options, JsonFactory factory) {
    this.types = Map.copyOf(types);
    this.options = options;
    this.factory = factory;
  }

  Map<String, RoomType<?, ?>> types() {
    return types;
  }

  RoomOptions options() {
    return options;
  }

  /** One member: a connection in a room, with its presence as canonical JSON. */
  private record Member(Connection connection, String memberId, Optional<String> userId, String presence) {
    String json() {
      return ServerMessages.member(memberId, userId, presence);
    }
  }

  /** One room; guarded by its own monitor. */
  private static final class Room {
    final RoomType<?, ?> type;
    final String name;
    final Map<String, Member> members = new LinkedHashMap<>();
    String state;
    /** Set once the room left the map: a request that still holds it must look it up again. */
    boolean removed;

    Room(RoomType<?, ?> type, String name, String state) {
      this.type = type;
      this.name = name;
      this.state = state;
    }

    void sendAll(String text, @Nullable Member except) {
      for (Member member : members.values()) {
        if (member != except) {
          member.connection().sendRoomMessage(text);
        }
      }
    }
  }

  // ---- requests of a connection ----

  void join(Connection connection, ClientMessage.Join join) {
    RoomType<?, ?> type = join.room().type();
    String name = join.room().name();
    if (!allows(type, connection, name)) {
      throw new LiveException(ErrorCode.FORBIDDEN, "you may not join room " + name);
    }
    if (connection.rooms().contains(name)) {
      throw new LiveException(ErrorCode.PROTOCOL_VIOLATION, "this connection is in room " + name
          + " already; change its presence with setPresence");
    }
    if (connection.rooms().size() >= options.maxRoomsPerConnection()) {
      throw new LiveException(ErrorCode.LIMIT_EXCEEDED, "a connection is in at most " + options.maxRoomsPerConnection()
          + " rooms at once; leave one first");
    }
    Member member = new Member(connection, memberId(connection), connection.auth().userId(), join.presence());
    while (true) {
      Room room = rooms.computeIfAbsent(name, key -> new Room(type, name, initialState(type)));
      synchronized (room) {
        if (room.removed) {
          continue; // emptied meanwhile: join the room that replaces it
        }
        if (room.members.size() >= options.maxMembersPerRoom()) {
          throw new LiveException(ErrorCode.LIMIT_EXCEEDED, "room " + name + " has " + options.maxMembersPerRoom()
              + " members, its most; try again later");
        }
        room.sendAll(ServerMessages.presence(name, "join", member.json()), null);
        room.members.put(member.memberId(), member);
        connection.rooms().add(name);
        List<String> members = new ArrayList<>();
        room.members.values().forEach(each -> members.add(each.json()));
        // Sent under the lock: the room's later changes reach this member after it.
        connection.sendRoomMessage(ServerMessages.joined(join.id(), name, member.memberId(), room.state,
            "[" + String.join(",", members) + "]"));
        if (connection.isClosed()) {
          // The connection ended while joining: its shutdown may have listed its rooms before this
          // one was added, so take it out here (removing twice does nothing).
          remove(connection, name);
        }
        return;
      }
    }
  }

  void leave(Connection connection, ClientMessage.Leave leave) {
    if (!remove(connection, leave.room().name())) {
      throw notIn(leave.room().name());
    }
    connection.sendRoomMessage(ServerMessages.roomReply("left", leave.id(), leave.room().name()));
  }

  void emit(Connection connection, ClientMessage.Emit emit) {
    withMembership(connection, emit.room().name(), (room, member) -> {
      String text = ServerMessages.roomEvent(room.name, emit.event().name(), emit.data(), Optional.of(member.memberId()));
      room.sendAll(text, emit.toSelf() ? null : member);
      int delivered = room.members.size() - (emit.toSelf() ? 0 : 1);
      connection.sendRoomMessage(ServerMessages.emitted(emit.id(), room.name, delivered));
    });
  }

  void setState(Connection connection, ClientMessage.SetState set) {
    withMembership(connection, set.room().name(), (room, member) -> {
      if (room.type.serverWritesState()) {
        throw new LiveException(ErrorCode.FORBIDDEN, "the state of " + room.type.name()
            + " rooms is written by the server only; members read it");
      }
      room.state = merged(room, set.changes());
      room.sendAll(ServerMessages.roomState(room.name, room.state), null);
      connection.sendRoomMessage(ServerMessages.roomReply("stateSet", set.id(), room.name));
    });
  }

  void setPresence(Connection connection, ClientMessage.SetPresence set) {
    withMembership(connection, set.room().name(), (room, member) -> {
      Member updated = new Member(connection, member.memberId(), member.userId(), set.presence());
      room.members.put(member.memberId(), updated);
      room.sendAll(ServerMessages.presence(room.name, "update", updated.json()), updated);
      connection.sendRoomMessage(ServerMessages.roomReply("presenceSet", set.id(), room.name));
    });
  }

  /** A connection that ended leaves every room it was in; the others see it leave. */
  void leaveAll(Connection connection) {
    for (String name : List.copyOf(connection.rooms())) {
      remove(connection, name);
    }
  }

  // ---- the server's side ----

  <S> S state(RoomType<S, ?> type, String name) {
    Room room = rooms.get(name);
    if (room == null) {
      return type.initialState();
    }
    synchronized (room) {
      return LiveJson.decode(factory, type.stateCodec(), room.state);
    }
  }

  <S> void setState(RoomType<S, ?> type, String name, S state) {
    String json = LiveJson.encode(type.stateCodec(), state);
    requireStateSize(json, name);
    while (true) {
      Room room = rooms.computeIfAbsent(name, key -> new Room(type, name, json));
      synchronized (room) {
        if (room.removed) {
          continue;
        }
        room.state = json;
        room.sendAll(ServerMessages.roomState(name, json), null);
        return;
      }
    }
  }

  /** Sends an event from the server to every member; the number of members it reached. */
  int emit(String name, String event, String data) {
    Room room = rooms.get(name);
    if (room == null) {
      return 0;
    }
    synchronized (room) {
      room.sendAll(ServerMessages.roomEvent(name, event, data, Optional.empty()), null);
      return room.members.size();
    }
  }

  /** The members of a room, each as (member id, user id, presence JSON). */
  <P> List<dev.live.room.RoomMember<P>> members(RoomType<?, P> type, String name) {
    Room room = rooms.get(name);
    if (room == null) {
      return List.of();
    }
    List<dev.live.room.RoomMember<P>> members = new ArrayList<>();
    synchronized (room) {
      for (Member member : room.members.values()) {
        members.add(new dev.live.room.RoomMember<>(member.memberId(), member.userId(),
            LiveJson.decode(factory, type.presenceCodec(), member.presence())));
      }
    }
    return members;
  }

  int roomCount() {
    return rooms.size();
  }

  // ---- helpers ----

  private boolean allows(RoomType<?, ?> type, Connection connection, String name) {
    try {
      return type.rule().allows(connection.auth(), name);
    } catch (RuntimeException e) {
      log.warn("the rule of room type {} failed for room {}; the join is refused", type.name(), name, e);
      return false;
    }
  }

  private interface MemberAction {
    void run(Room room, Member member);
  }

  private void withMembership(Connection connection, String name, MemberAction action) {
    Room room = rooms.get(name);
    if (room == null) {
      throw notIn(name);
    }
    synchronized (room) {
      Member member = room.members.get(memberId(connection));
      if (room.removed || member == null || member.connection() != connection) {
        throw notIn(name);
      }
      action.run(room, member);
    }
  }

  /** Takes the connection out of the room; false if it was not in it. Empties rooms are dropped. */
  private boolean remove(Connection connection, String name) {
    connection.rooms().remove(name);
    Room room = rooms.get(name);
    if (room == null) {
      return false;
    }
    synchronized (room) {
      Member member = room.members.get(memberId(connection));
      if (member == null || member.connection() != connection) {
        return false;
      }
      room.members.remove(member.memberId());
      room.sendAll(ServerMessages.presence(name, "leave", member.json()), null);
      if (room.members.isEmpty()) {
        room.removed = true;
        rooms.remove(name, room);
      }
      return true;
    }
  }

  /**
   * How a room knows a connection: its client id, within its user's namespace ({@code
   * u1/laptop}), so that another user naming the same client id is another member.
   */
  static String memberId(Connection connection) {
    return connection.auth().userId().map(user -> user + "/" + connection.clientId()).orElse(connection.clientId());
  }

  private static LiveException notIn(String name) {
    return new LiveException(ErrorCode.NOT_IN_ROOM, "this connection is not in room " + name + "; join it first");
  }

  private static <S> String initialState(RoomType<S, ?> type) {
    return LiveJson.encode(type.stateCodec(), type.initialState());
  }

  /**
   * The room's state with {@code changes} merged in: its top-level fields replaced, checked by
   * decoding the result with the state's codec, and written back canonically.
   */
  private String merged(Room room, Map<String, String> changes) {
    Map<String, String> fields = JsonObjects.members(factory, room.state);
    fields.putAll(changes);
    String merged = canonical(room.type.stateCodec(), JsonObjects.object(fields));
    requireStateSize(merged, room.name);
    return merged;
  }

  private <S> String canonical(JsonCodec<S> codec, String json) {
    S value;
    try {
      value = LiveJson.decode(factory, codec, json);
    } catch (DecodeException e) {
      throw e.within("state");
    }
    return LiveJson.encode(codec, value);
  }

  private void requireStateSize(String json, String name) {
    if (json.length() > options.maxStateBytes()) {
      throw new LiveException(ErrorCode.LIMIT_EXCEEDED, "the state of room " + name + " would take " + json.length()
          + " characters; at most " + options.maxStateBytes() + " are kept");
    }
  }

  /** For the presence sweep: every connection in some room. */
  void forEachMemberConnection(Consumer<Connection> action) {
    java.util.Set<Connection> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Room room : rooms.values()) {
      synchronized (room) {
        room.members.values().forEach(member -> seen.add(member.connection()));
      }
    }
    seen.forEach(action);
  }
}
