package dev.live.server;

import dev.live.json.LiveJson;
import dev.live.room.EventType;
import dev.live.room.RoomMember;
import dev.live.room.RoomType;
import java.util.List;

/**
 * The server's side of rooms ({@link LiveServer#rooms()}): emit events to a room's members, read
 * and write its state (also where members may not), and see who is in it. Rooms are named by
 * their type and key, {@code rooms.emit(BOARD, "b1", TYPING, typing)}; the type must be one the
 * server was built with.
 */
public final class Rooms {
  private final RoomHub hub;

  Rooms(RoomHub hub) {
    this.hub = hub;
  }

  /** Sends {@code data} as event {@code event} to every member of the room; how many it reached. */
  public <E> int emit(RoomType<?, ?> type, String key, EventType<E> event, E data) {
    String name = name(type, key);
    if (type.event(event.name()).orElse(null) != event) {
      throw new IllegalArgumentException("rooms of type " + type.name() + " do not carry event " + event.name());
    }
    return hub.emit(name, event.name(), LiveJson.encode(event.codec(), data));
  }

  /** The room's state now: its type's initial state when nobody wrote it yet. */
  public <S> S state(RoomType<S, ?> type, String key) {
    return hub.state(type, name(type, key));
  }

  /**
   * Replaces the room's state and sends it to the members. Creates the room if it does not exist,
   * so that it holds the state for the first member; a room is dropped when its last member leaves.
   */
  public <S> void setState(RoomType<S, ?> type, String key, S state) {
    hub.setState(type, name(type, key), state);
  }

  /** The members of the room, in the order they joined. */
  public <P> List<RoomMember<P>> members(RoomType<?, P> type, String key) {
    return hub.members(type, name(type, key));
  }

  /** Rooms that exist now. */
  public int count() {
    return hub.roomCount();
  }

  private String name(RoomType<?, ?> type, String key) {
    if (hub.types().get(type.name()) != type) {
      throw new IllegalArgumentException("this server holds no room type " + type + "; add it with"
          + " LiveServer.builder().rooms(...)");
    }
    String name = type.room(key);
    if (!name.matches("[A-Za-z][A-Za-z0-9_-]{0,31}:[A-Za-z0-9_.:-]{1,96}")) {
      throw new IllegalArgumentException("a room key is 1 to 96 letters, digits and _ . : -; not '" + key + "'");
    }
    return name;
  }
}
