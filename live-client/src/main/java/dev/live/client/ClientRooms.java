package dev.live.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.Codecs;
import dev.live.json.JsonCodec;
import dev.live.json.JsonObjects;
import dev.live.json.LiveJson;
import dev.live.room.EventType;
import dev.live.room.RoomMember;
import dev.live.room.RoomType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The rooms of one client ({@code docs/rooms.md}): what it asked to join, the replies it waits
 * for, and what the server tells it of each room. Every method but {@link #room} runs on the
 * client's loop thread, like the rest of {@link ClientCore}.
 */
final class ClientRooms {
  private final Consumer<Runnable> loop;
  /** Runs a task on the loop a second from now. */
  private final Consumer<Runnable> later;
  private final Predicate<String> send;
  private final Executor listeners;
  private final JsonFactory json;
  private final Map<String, LiveRoom<?, ?>> rooms = new java.util.concurrent.ConcurrentHashMap<>();
  /** Rooms to be in, with the presence to join with: joined again after every reconnect. */
  private final Map<String, String> wanted = new LinkedHashMap<>();
  private final Map<String, Pending> pending = new HashMap<>();
  /** The room each join request is for, by request id. */
  private final Map<String, String> joinIds = new HashMap<>();
  /** Joins waiting for their {@code joined}, by room: completed by the first one, kept across reconnects. */
  private final Map<String, List<CompletableFuture<Void>>> joining = new HashMap<>();
  /** Room members as the client holds them, by room, then member id. */
  private final Map<String, Map<String, RoomMember<?>>> members = new HashMap<>();
  private long nextRequest;
  /** Set once the client closed: no request is sent or waited for any more. */
  private volatile @Nullable LiveException closed;

  /** A request waiting for its reply. */
  private record Pending(String room, CompletableFuture<ServerMessage> reply) {}

  /**
   * @param loop runs a task on the client's loop thread
   * @param send sends a message now, or returns false when not connected
   */
  ClientRooms(Consumer<Runnable> loop, Consumer<Runnable> later, Predicate<String> send, Executor listeners,
      JsonFactory json) {
    this.loop = loop;
    this.later = later;
    this.send = send;
    this.listeners = listeners;
    this.json = json;
  }

  @SuppressWarnings("unchecked") // one name, one type: checked below
  <S, P> LiveRoom<S, P> room(RoomType<S, P> type, String key) {
    String name = type.room(key);
    LiveRoom<?, ?> room = rooms.computeIfAbsent(name, n -> new LiveRoom<>(this, type, n));
    if (room.type() != type) {
      throw new IllegalArgumentException("room " + name + " is open with another room type of the same name");
    }
    return (LiveRoom<S, P>) room;
  }

  // ---- requests, called from any thread ----

  <S, P> CompletableFuture<Void> join(LiveRoom<S, P> room, P presence) {
    String text = LiveJson.encode(room.type().presenceCodec(), presence);
    CompletableFuture<Void> joined = new CompletableFuture<>();
    if (closed != null) {
      return CompletableFuture.failedFuture(closed);
    }
    loop.accept(() -> {
      if (room.view().joined() || wanted.containsKey(room.name())) {
        joined.completeExceptionally(new LiveException(ErrorCode.PROTOCOL_VIOLATION, "this client is in room "
            + room.name() + " already (or joining it); change its presence with setPresence"));
        return;
      }
      wanted.put(room.name(), text);
      joining.computeIfAbsent(room.name(), n -> new ArrayList<>()).add(joined);
      sendJoin(room.name(), text);
    });
    return joined;
  }

  CompletableFuture<Void> leave(LiveRoom<?, ?> room) {
    return request(room, "leave", "", () -> {
      wanted.remove(room.name());
      failJoins(room.name(), new LiveException(ErrorCode.DISCONNECTED, "left room " + room.name() + " before joining"));
    }).thenApply(reply -> {
      loop.accept(() -> markLeft(room));
      return null;
    });
  }

  <E> CompletableFuture<Integer> emit(LiveRoom<?, ?> room, EventType<E> event, E data, boolean toSelf) {
    if (room.type().event(event.name()).orElse(null) != event) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("rooms of type " + room.type().name()
          + " do not carry event " + event.name()));
    }
    String members = ",\"event\":" + LiveJson.encode(Codecs.STRING, event.name()) + ",\"data\":"
        + LiveJson.encode(event.codec(), data) + (toSelf ? ",\"toSelf\":true" : "");
    return request(room, "emit", members, () -> {}).thenApply(reply -> reply.delivered);
  }

  <S, P> CompletableFuture<Void> updateState(LiveRoom<S, P> room, UnaryOperator<S> change) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed != null) {
      return CompletableFuture.failedFuture(closed);
    }
    loop.accept(() -> {
      try {
        sendChanges(room, change, done);
      } catch (RuntimeException e) {
        done.completeExceptionally(e); // the change function or the state's codec failed
      }
    });
    return done;
  }

  private <S, P> void sendChanges(LiveRoom<S, P> room, UnaryOperator<S> change, CompletableFuture<Void> done) {
    S before = room.view().state();
    Map<String, String> old = JsonObjects.members(json, LiveJson.encode(room.type().stateCodec(), before));
    Map<String, String> changed = new LinkedHashMap<>();
    JsonObjects.members(json, LiveJson.encode(room.type().stateCodec(), change.apply(before))).forEach((field, value) -> {
      if (!value.equals(old.get(field))) {
        changed.put(field, value);
      }
    });
    if (changed.isEmpty()) {
      done.complete(null); // nothing to change
      return;
    }
    request(room, "setState", ",\"state\":" + JsonObjects.object(changed), () -> {})
        .whenComplete((reply, error) -> complete(done, error));
  }

  <S, P> CompletableFuture<Void> setPresence(LiveRoom<S, P> room, P presence) {
    String text = LiveJson.encode(room.type().presenceCodec(), presence);
    return request(room, "setPresence", ",\"presence\":" + text, () -> {
      if (wanted.containsKey(room.name())) {
        wanted.put(room.name(), text); // a rejoin after a reconnect uses it
      }
    }).thenApply(reply -> {
      loop.accept(() -> ownPresenceSet(room, presence));
      return null;
    });
  }

  /**
   * The server tells the other members of a presence change, not the member who made it: this
   * client's own entry changes here, in its place.
   */
  private <P> void ownPresenceSet(LiveRoom<?, P> room, P presence) {
    String self = room.view().memberId();
    Map<String, RoomMember<?>> known = members.get(room.name());
    if (!room.view().joined() || self == null || known == null || !known.containsKey(self)) {
      return;
    }
    known.put(self, new RoomMember<>(self, known.get(self).userId(), presence));
    publish(room, true, self, room.view().state(), false, true);
  }

  /** Sends a room request now; it fails at once when the client is not connected or not in the room. */
  private CompletableFuture<ServerMessage> request(LiveRoom<?, ?> room, String type, String members, Runnable before) {
    CompletableFuture<ServerMessage> reply = new CompletableFuture<>();
    if (closed != null) {
      return CompletableFuture.failedFuture(closed);
    }
    loop.accept(() -> {
      before.run();
      String id = "room" + ++nextRequest;
      String text = "{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"room\":" + LiveJson.encode(Codecs.STRING,
          room.name()) + members + "}";
      if (!send.test(text)) {
        reply.completeExceptionally(new LiveException(ErrorCode.DISCONNECTED, "the client is not connected; room "
            + type + " requests are sent only while connected"));
        return;
      }
      pending.put(id, new Pending(room.name(), reply));
    });
    return reply;
  }

  private void sendJoin(String name, String presence) {
    String id = "join" + ++nextRequest;
    if (send.test("{\"type\":\"join\",\"id\":\"" + id + "\",\"room\":" + LiveJson.encode(Codecs.STRING, name)
        + ",\"presence\":" + presence + "}")) {
      joinIds.put(id, name);
    }
  }

  // ---- the connection, on the loop thread ----

  /** A new connection: every room the client is meant to be in is joined again. */
  void welcomed() {
    wanted.forEach(this::sendJoin);
  }

  /** The client closed: every waiting request and join fails with {@code error}. */
  void closed(LiveException error) {
    closed = error;
    dropped();
    for (String name : List.copyOf(joining.keySet())) {
      failJoins(name, error);
    }
    wanted.clear();
  }

  /** The connection ended: replies will not come, and the rooms are left until the next one. */
  void dropped() {
    LiveException error = new LiveException(ErrorCode.DISCONNECTED, "the connection ended before the server answered");
    List<Pending> waiting = new ArrayList<>(pending.values());
    pending.clear();
    joinIds.clear();
    waiting.forEach(p -> p.reply().completeExceptionally(error));
    for (LiveRoom<?, ?> room : rooms.values()) {
      if (room.view().joined()) {
        markLeft(room);
      }
    }
  }

  /** Handles a room message; false if {@code message} is not one. */
  boolean handle(ServerMessage message) {
    switch (String.valueOf(message.type)) {
      case "joined" -> joined(message);
      case "presence" -> presence(message);
      case "roomEvent" -> event(message);
      case "roomState" -> state(message);
      case "emitted", "left", "stateSet", "presenceSet" -> {
        Pending request = message.id == null ? null : pending.remove(message.id);
        if (request != null) {
          request.reply().complete(message);
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** An error for a room request; false if it is not for one. */
  boolean error(@Nullable String id, LiveException error) {
    if (id == null) {
      return false;
    }
    String name = joinIds.remove(id);
    if (name != null) {
      if (error.code() == ErrorCode.RATE_LIMITED && wanted.containsKey(name)) {
        String presence = wanted.get(name);
        later.accept(() -> {
          if (presence.equals(wanted.get(name)) && joining.containsKey(name)) {
            sendJoin(name, presence); // the user's allowance was spent elsewhere: try again shortly
          }
        });
        return true;
      }
      wanted.remove(name);
      failJoins(name, error);
      return true;
    }
    Pending request = pending.remove(id);
    if (request == null) {
      return false;
    }
    request.reply().completeExceptionally(error);
    return true;
  }

  private void joined(ServerMessage message) {
    if (message.id != null) {
      joinIds.remove(message.id);
    }
    LiveRoom<?, ?> room = message.room == null ? null : rooms.get(message.room);
    if (room == null || !wanted.containsKey(room.name())) {
      return; // left meanwhile
    }
    Map<String, RoomMember<?>> known = new LinkedHashMap<>();
    for (RoomMember<?> member : readMembers(room, message.members)) {
      known.put(member.memberId(), member);
    }
    members.put(room.name(), known);
    publish(room, true, message.memberId, decodeState(room, message.state), true, true);
    List<CompletableFuture<Void>> futures = joining.remove(room.name());
    if (futures != null) {
      futures.forEach(future -> future.complete(null));
    }
  }

  private void presence(ServerMessage message) {
    LiveRoom<?, ?> room = joinedRoom(message.room);
    if (room == null || message.member == null) {
      return;
    }
    RoomMember<?> member = readMember(room.type().presenceCodec(), message.member);
    Map<String, RoomMember<?>> known = members.computeIfAbsent(room.name(), n -> new LinkedHashMap<>());
    if ("leave".equals(message.action)) {
      known.remove(member.memberId());
    } else {
      known.put(member.memberId(), member);
    }
    publish(room, true, room.view().memberId(), room.view().state(), false, true);
  }

  private void state(ServerMessage message) {
    LiveRoom<?, ?> room = joinedRoom(message.room);
    if (room != null) {
      publish(room, true, room.view().memberId(), decodeState(room, message.state), true, false);
    }
  }

  private void event(ServerMessage message) {
    LiveRoom<?, ?> room = joinedRoom(message.room);
    if (room == null || message.event == null) {
      return;
    }
    room.type().event(message.event).ifPresent(type -> deliver(room, type, message));
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // listeners of this event type take its payload type
  private <E> void deliver(LiveRoom<?, ?> room, EventType<E> type, ServerMessage message) {
    E data = LiveJson.decode(json, type.codec(), message.data == null ? "null" : message.data);
    RoomEvent<E> event = new RoomEvent<>(room.name(), Optional.ofNullable(message.memberId), data);
    for (LiveRoom.Listener<?> listener : room.eventListeners) {
      if (listener.event() == type) {
        Consumer consumer = listener.consumer();
        listeners.execute(() -> consumer.accept(event));
      }
    }
  }

  private @Nullable LiveRoom<?, ?> joinedRoom(@Nullable String name) {
    LiveRoom<?, ?> room = name == null ? null : rooms.get(name);
    return room != null && room.view().joined() ? room : null;
  }

  /** Replaces the room's view and tells the listeners what changed. */
  @SuppressWarnings({"unchecked", "rawtypes"}) // the room's own state and presence types
  private void publish(LiveRoom room, boolean joined, @Nullable String memberId, Object state, boolean stateChanged,
      boolean membersChanged) {
    List<RoomMember<?>> current = List.copyOf(members.getOrDefault(room.name(), Map.of()).values());
    room.view(new LiveRoom.View(joined, memberId, state, current));
    if (stateChanged) {
      for (Object listener : room.stateListeners) {
        listeners.execute(() -> ((Consumer) listener).accept(state));
      }
    }
    if (membersChanged) {
      for (Object listener : room.memberListeners) {
        listeners.execute(() -> ((Consumer) listener).accept(current));
      }
    }
  }

  private void markLeft(LiveRoom<?, ?> room) {
    members.remove(room.name());
    publish(room, false, null, room.view().state(), false, true);
  }

  private void failJoins(String name, LiveException error) {
    List<CompletableFuture<Void>> futures = joining.remove(name);
    if (futures != null) {
      futures.forEach(future -> future.completeExceptionally(error));
    }
  }

  private Object decodeState(LiveRoom<?, ?> room, @Nullable String state) {
    return LiveJson.decode(json, room.type().stateCodec(), state == null ? "null" : state);
  }

  private List<RoomMember<?>> readMembers(LiveRoom<?, ?> room, @Nullable String array) {
    List<RoomMember<?>> read = new ArrayList<>();
    if (array == null) {
      return read;
    }
    try (JsonParser in = json.createParser(array)) {
      if (in.nextToken() != JsonToken.START_ARRAY) {
        throw new LiveException(ErrorCode.MALFORMED_JSON, "a room's members are an array: " + array);
      }
      while (in.nextToken() == JsonToken.START_OBJECT) {
        read.add(readMember(room.type().presenceCodec(), JsonObjects.text(json, in)));
      }
    } catch (IOException e) {
      throw LiveJson.asDecodeException(e);
    }
    return read;
  }

  private <P> RoomMember<P> readMember(JsonCodec<P> presence, String object) {
    Map<String, String> fields = JsonObjects.members(json, object);
    Function<String, String> string = field -> fields.get(field) == null ? null
        : LiveJson.decode(json, Codecs.STRING, fields.get(field));
    return new RoomMember<>(string.apply("member"), Optional.ofNullable(string.apply("userId")),
        LiveJson.decode(json, presence, fields.getOrDefault("presence", "null")));
  }

  private static void complete(CompletableFuture<Void> done, @Nullable Throwable error) {
    if (error == null) {
      done.complete(null);
    } else {
      done.completeExceptionally(error instanceof java.util.concurrent.CompletionException c && c.getCause() != null
          ? c.getCause() : error);
    }
  }
}
