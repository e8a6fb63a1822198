package dev.live.room;

import dev.live.json.JsonCodec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A kind of room: rooms of this type are named {@code <name>:<key>} ({@code board:b1}), hold a
 * state of type {@code S}, and know each member by presence metadata of type {@code P}; both
 * are {@code @LiveMessage} records, read and written by their generated codecs.
 *
 * <pre>{@code
 * static final EventType<Typing> TYPING = new EventType<>("typing", TypingJson.CODEC);
 * static final RoomType<BoardRoomState, Viewer> BOARD = RoomType.builder("board",
 *         BoardRoomStateJson.CODEC, new BoardRoomState(null), ViewerJson.CODEC)
 *     .event(TYPING)
 *     .allow((auth, room) -> auth.isAuthenticated())
 *     .build();
 * }</pre>
 *
 * <p>A client that joins gets the state and the members; members emit events to each other and
 * change the state by merging top-level fields into it ({@code setState}), unless the state is
 * written by the server only.
 */
public final class RoomType<S, P> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");

  private final String name;
  private final JsonCodec<S> stateCodec;
  private final S initialState;
  private final JsonCodec<P> presenceCodec;
  private final Map<String, EventType<?>> events;
  private final RoomRule rule;
  private final boolean serverWritesState;

  private RoomType(Builder<S, P> builder) {
    this.name = builder.name;
    this.stateCodec = builder.stateCodec;
    this.initialState = builder.initialState;
    this.presenceCodec = builder.presenceCodec;
    this.events = Map.copyOf(builder.events);
    this.rule = builder.rule;
    this.serverWritesState = builder.serverWritesState;
  }

  /**
   * Starts a room type named {@code name} (a letter, then up to 31 letters, digits, {@code _} and
   * {@code -}), whose rooms start with {@code initialState}.
   */
  public static <S, P> Builder<S, P> builder(String name, JsonCodec<S> stateCodec, S initialState,
      JsonCodec<P> presenceCodec) {
    return new Builder<>(name, stateCodec, initialState, presenceCodec);
  }

  public String name() {
    return name;
  }

  public JsonCodec<S> stateCodec() {
    return stateCodec;
  }

  public S initialState() {
    return initialState;
  }

  public JsonCodec<P> presenceCodec() {
    return presenceCodec;
  }

  /** The event type named {@code eventName}, if rooms of this type carry it. */
  public Optional<EventType<?>> event(String eventName) {
    return Optional.ofNullable(events.get(eventName));
  }

  public Collection<EventType<?>> events() {
    return events.values();
  }

  public RoomRule rule() {
    return rule;
  }

  /** Whether only the server writes the state; a client's {@code setState} is then refused. */
  public boolean serverWritesState() {
    return serverWritesState;
  }

  /** The full name of the room of this type with {@code key}: {@code board:b1}. */
  public String room(String key) {
    return name + ":" + key;
  }

  @Override
  public String toString() {
    return "RoomType[" + name + "]";
  }

  /** Collects a room type's events and rule. */
  public static final class Builder<S, P> {
    private final String name;
    private final JsonCodec<S> stateCodec;
    private final S initialState;
    private final JsonCodec<P> presenceCodec;
    private final Map<String, EventType<?>> events = new LinkedHashMap<>();
    private RoomRule rule;
    private boolean serverWritesState;

    private Builder(String name, JsonCodec<S> stateCodec, S initialState, JsonCodec<P> presenceCodec) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("a room type's name is a letter followed by up to 31 letters, digits,"
            + " _ and -; not '" + name + "'");
      }
      this.name = name;
      this.stateCodec = Objects.requireNonNull(stateCodec, "stateCodec");
      this.initialState = Objects.requireNonNull(initialState, "initialState");
      this.presenceCodec = Objects.requireNonNull(presenceCodec, "presenceCodec");
    }

    /** Rooms of this type carry events of {@code type}. */
    public Builder<S, P> event(EventType<?> type) {
      if (events.putIfAbsent(type.name(), type) != null) {
        throw new IllegalArgumentException("room type " + name + " already has an event named " + type.name());
      }
      return this;
    }

    /** Who may join; required, so that no room is open by accident ({@link RoomRule#anyone()} opens it). */
    public Builder<S, P> allow(RoomRule rule) {
      this.rule = Objects.requireNonNull(rule, "rule");
      return this;
    }

    /** Only the server writes the state ({@code Rooms.setState}); members read it. */
    public Builder<S, P> serverWritesState() {
      this.serverWritesState = true;
      return this;
    }

    public RoomType<S, P> build() {
      if (rule == null) {
        throw new IllegalStateException("room type " + name + " has no rule: say who may join with allow(...),"
            + " e.g. allow(RoomRule.authenticated()) or allow(RoomRule.anyone())");
      }
      if (!dev.live.json.LiveJson.encode(stateCodec, initialState).startsWith("{")) {
        throw new IllegalArgumentException("the state of room type " + name + " is a record (a JSON object),"
            + " so that members can change its fields one by one");
      }
      return new RoomType<>(this);
    }
  }
}
