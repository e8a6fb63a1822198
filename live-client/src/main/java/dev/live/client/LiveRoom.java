package dev.live.client;

import dev.live.room.EventType;
import dev.live.room.RoomMember;
import dev.live.room.RoomType;
import dev.live.subscription.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One room on a {@link LiveClient} ({@code client.room(BOARD, "b1")}): join it with a presence,
 * then follow its state, its members and its events, emit events, change the state and the
 * presence. Listeners run on the client's listener executor, in the order the room changed.
 *
 * <pre>{@code
 * LiveRoom<BoardRoomState, Viewer> room = client.room(BOARD, "b1");
 * room.onMembers(members -> showViewers(members));
 * room.on(TYPING, event -> showTyping(event.from(), event.data()));
 * room.join(new Viewer("Ann", false)).join();
 * room.emit(TYPING, new Typing("t1", true));
 * room.updateState(state -> new BoardRoomState("Launch", state.pinned()));   // sends the topic only
 * }</pre>
 *
 * <p>A joined room is joined again after a reconnect, with the latest presence; the state and the
 * members then come fresh from the server. Requests made while disconnected fail with {@code
 * DISCONNECTED}, except joining, which waits for the connection.
 */
public final class LiveRoom<S, P> {
  private final ClientRooms rooms;
  private final RoomType<S, P> type;
  private final String name;
  final List<Consumer<S>> stateListeners = new CopyOnWriteArrayList<>();
  final List<Consumer<List<RoomMember<P>>>> memberListeners = new CopyOnWriteArrayList<>();
  final List<Listener<?>> eventListeners = new CopyOnWriteArrayList<>();
  private volatile View<S, P> view;

  /** What listeners and accessors see: replaced whole, never changed in place. */
  record View<S, P>(boolean joined, @Nullable String memberId, S state, List<RoomMember<P>> members) {}

  /** A listener for one event type. */
  record Listener<E>(EventType<E> event, Consumer<RoomEvent<E>> consumer) {}

  LiveRoom(ClientRooms rooms, RoomType<S, P> type, String name) {
    this.rooms = rooms;
    this.type = type;
    this.name = name;
    this.view = new View<>(false, null, type.initialState(), List.of());
  }

  public String name() {
    return name;
  }

  public RoomType<S, P> type() {
    return type;
  }

  /** Joins with {@code presence}; completes once the server let this client in (or refused). */
  public CompletableFuture<Void> join(P presence) {
    return rooms.join(this, presence);
  }

  /** Leaves the room; the others see this member leave. */
  public CompletableFuture<Void> leave() {
    return rooms.leave(this);
  }

  /** Sends an event to the other members; completes with how many it reached. */
  public <E> CompletableFuture<Integer> emit(EventType<E> event, E data) {
    return rooms.emit(this, event, data, false);
  }

  /** Sends an event to every member, this one included. */
  public <E> CompletableFuture<Integer> emitToAll(EventType<E> event, E data) {
    return rooms.emit(this, event, data, true);
  }

  /**
   * Changes the state: {@code change} gets the state as this client knows it, and only the fields
   * whose value it changed are sent, so members changing different fields at once do not undo
   * each other. Completes once the server took the change (or refused it).
   */
  public CompletableFuture<Void> updateState(UnaryOperator<S> change) {
    return rooms.updateState(this, change);
  }

  /** Replaces this member's presence; the others see the update. */
  public CompletableFuture<Void> setPresence(P presence) {
    return rooms.setPresence(this, presence);
  }

  /** Whether this client is in the room now. */
  public boolean joined() {
    return view.joined();
  }

  /** The id the room knows this client by, once joined. */
  public Optional<String> memberId() {
    return Optional.ofNullable(view.memberId());
  }

  /** The state as last received (the type's initial state before joining). */
  public S state() {
    return view.state();
  }

  /** The members as last received, in the order they joined. */
  public List<RoomMember<P>> members() {
    return view.members();
  }

  /** Calls {@code listener} with the state on every change, and on every (re)join. */
  public Subscription onState(Consumer<S> listener) {
    stateListeners.add(listener);
    return () -> stateListeners.remove(listener);
  }

  /** Calls {@code listener} with the members whenever one joins, changes its presence or leaves. */
  public Subscription onMembers(Consumer<List<RoomMember<P>>> listener) {
    memberListeners.add(listener);
    return () -> memberListeners.remove(listener);
  }

  /** Calls {@code listener} with every event of type {@code event}. */
  public <E> Subscription on(EventType<E> event, Consumer<RoomEvent<E>> listener) {
    if (type.event(event.name()).orElse(null) != event) {
      throw new IllegalArgumentException("rooms of type " + type.name() + " do not carry event " + event.name());
    }
    Listener<E> entry = new Listener<>(event, listener);
    eventListeners.add(entry);
    return () -> eventListeners.remove(entry);
  }

  View<S, P> view() {
    return view;
  }

  void view(View<S, P> next) {
    this.view = next;
  }
}
