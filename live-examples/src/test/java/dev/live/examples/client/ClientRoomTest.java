package dev.live.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import dev.live.client.LiveClient;
import dev.live.client.LiveRoom;
import dev.live.client.RoomEvent;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.examples.board.BoardRoomState;
import dev.live.examples.board.BoardRooms;
import dev.live.examples.board.Typing;
import dev.live.examples.board.Viewer;
import dev.live.room.RoomMember;
import dev.live.room.RoomType;
import dev.live.server.LiveServer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The Java client's typed rooms against a real server: members and their presence, typed
 * events, state changes that send only the fields they change, a refused join, and a room
 * joined again by itself after the connection dropped.
 */
class ClientRoomTest extends ClientTestBase {
  private static final RoomType<BoardRoomState, Viewer> BOARD =
      BoardRooms.board((auth, room) -> auth.isAuthenticated() && !room.equals("board:locked"));

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.rules(Rules.none())
        .authenticate(handshake -> handshake.header("X-User").map(user -> AuthContext.user(user))
            .orElse(AuthContext.anonymous()))
        .rooms(BOARD);
  }

  private LiveClient signedIn(String user) {
    return client(options().clientId(user + "-client").header("X-User", user).build());
  }

  private static List<String> memberIds(LiveRoom<?, ?> room) {
    return room.members().stream().map(RoomMember::memberId).toList();
  }

  @Test
  void membersSeeEachOtherAndTheirTypedEventsAndState() {
    LiveRoom<BoardRoomState, Viewer> ann = signedIn("ann").room(BOARD, "b1");
    LiveRoom<BoardRoomState, Viewer> bob = signedIn("bob").room(BOARD, "b1");
    List<RoomEvent<Typing>> bobHeard = new CopyOnWriteArrayList<>();
    bob.on(BoardRooms.TYPING, bobHeard::add);
    ann.join(new Viewer("Ann", false)).join();
    bob.join(new Viewer("Bob", false)).join();
    assertThat(memberIds(bob)).containsExactly("ann/ann-client", "bob/bob-client");
    await().atMost(WAIT).until(() -> memberIds(ann).equals(List.of("ann/ann-client", "bob/bob-client")));
    assertThat(ann.members().get(1).presence()).isEqualTo(new Viewer("Bob", false));

    assertThat(ann.emit(BoardRooms.TYPING, new Typing("t1", true)).join()).isEqualTo(1);
    await().atMost(WAIT).until(() -> bobHeard.size() == 1);
    assertThat(bobHeard.get(0)).isEqualTo(new RoomEvent<>("board:b1", Optional.of("ann/ann-client"), new Typing("t1", true)));

    // Each changes another field at the same time: only changed fields are sent, so both stay.
    ann.updateState(state -> new BoardRoomState("Launch", state.pinned())).join();
    bob.updateState(state -> new BoardRoomState(state.topic(), List.of("t2"))).join();
    BoardRoomState both = new BoardRoomState("Launch", List.of("t2"));
    await().atMost(WAIT).until(() -> ann.state().equals(both) && bob.state().equals(both));
    assertThat(server.rooms().state(BOARD, "b1")).isEqualTo(both);

    bob.setPresence(new Viewer("Bob", true)).join();
    await().atMost(WAIT).until(() -> ann.members().stream().anyMatch(m -> m.presence().typing()));
    await().atMost(WAIT).untilAsserted(() -> assertThat(bob.members()).extracting(RoomMember::presence)
        .as("Bob's own entry, in its place").containsExactly(new Viewer("Ann", false), new Viewer("Bob", true)));
    bob.leave().join();
    await().atMost(WAIT).until(() -> memberIds(ann).equals(List.of("ann/ann-client")));
    assertThat(bob.joined()).isFalse();
  }

  @Test
  void aRefusedJoinFailsWithTheServersCode() {
    LiveRoom<BoardRoomState, Viewer> locked = signedIn("ann").room(BOARD, "locked");
    assertThatThrownBy(() -> locked.join(new Viewer("Ann", false)).join()).isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    assertThat(locked.joined()).isFalse();
  }

  @Test
  void aDroppedConnectionRejoinsByItselfWithTheLatestPresence() {
    LiveClient annClient = signedIn("ann");
    LiveRoom<BoardRoomState, Viewer> ann = annClient.room(BOARD, "b1");
    ann.join(new Viewer("Ann", false)).join();
    ann.setPresence(new Viewer("Ann", true)).join();
    LiveRoom<BoardRoomState, Viewer> bob = direct("bob-direct").room(BOARD, "b1");
    // bob is anonymous on a direct connection: refused, so watch through the server instead.
    assertThatThrownBy(() -> bob.join(new Viewer("Bob", false)).join()).isInstanceOf(CompletionException.class);

    long connections = annClient.stats().connections();
    proxy.dropAll();
    await().atMost(WAIT).until(() -> annClient.stats().connections() > connections && ann.joined());
    assertThat(server.rooms().members(BOARD, "b1")).extracting(RoomMember::presence)
        .as("joined again with the latest presence").containsExactly(new Viewer("Ann", true));
    assertThat(memberIds(ann)).containsExactly("ann/ann-client");
  }

  @Test
  void roomRequestsWhileDisconnectedFailAtOnce() {
    LiveClient annClient = signedIn("ann");
    LiveRoom<BoardRoomState, Viewer> ann = annClient.room(BOARD, "b1");
    ann.join(new Viewer("Ann", false)).join();
    proxy.refuse(true);
    proxy.dropAll();
    await().atMost(WAIT).until(() -> !ann.joined());
    assertThatThrownBy(() -> ann.emit(BoardRooms.TYPING, new Typing("t1", true)).join())
        .cause().isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DISCONNECTED));
    proxy.refuse(false);
    await().atMost(WAIT).until(ann::joined);
  }
}
