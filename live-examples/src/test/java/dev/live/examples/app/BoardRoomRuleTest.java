package dev.live.examples.app;

import static dev.live.examples.app.Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.client.LiveClient;
import dev.live.client.LiveRoom;
import dev.live.client.RoomEvent;
import dev.live.error.ErrorCode;
import dev.live.examples.board.BoardRoomState;
import dev.live.examples.board.BoardRooms;
import dev.live.examples.board.Typing;
import dev.live.examples.board.Viewer;
import dev.live.room.RoomMember;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@code board:<boardId>} is for the members of the board's team: they see each other and who types. */
class BoardRoomRuleTest extends BoardAppTestBase {
  @Test
  void membersOfTheBoardsTeamJoinAndSeeEachOtherTyping() {
    LiveRoom<BoardRoomState, Viewer> annRoom = as("u-ann").room(BoardRooms.BOARD, "launch");
    List<RoomEvent<Typing>> typing = new CopyOnWriteArrayList<>();
    annRoom.on(BoardRooms.TYPING, typing::add);
    annRoom.join(new Viewer("Ann", false)).join();
    LiveRoom<BoardRoomState, Viewer> bobRoom = as("u-bob").room(BoardRooms.BOARD, "launch");
    bobRoom.join(new Viewer("Bob", false)).join();

    await().atMost(WAIT).until(() -> annRoom.members().size() == 2);
    assertThat(annRoom.members()).extracting(RoomMember::presence).extracting(Viewer::name)
        .containsExactlyInAnyOrder("Ann", "Bob");
    bobRoom.emit(BoardRooms.TYPING, new Typing("task-1", true)).join();
    await().atMost(WAIT).until(() -> !typing.isEmpty());
    assertThat(typing.get(0).data()).isEqualTo(new Typing("task-1", true));
    assertThat(typing.get(0).from()).hasValueSatisfying(from -> assertThat(from).startsWith("u-bob/"));
  }

  @Test
  void anotherTeamsBoardRoomIsRefused() {
    LiveClient ann = as("u-ann");
    assertThat(failure(ann.room(BoardRooms.BOARD, "campaigns").join(new Viewer("Ann", false))).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failure(ann.room(BoardRooms.BOARD, "no-such-board").join(new Viewer("Ann", false))).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(failure(client(null).room(BoardRooms.BOARD, "launch").join(new Viewer("Nobody", false))).code())
        .as("anonymous").isEqualTo(ErrorCode.FORBIDDEN);
    as("u-dan").room(BoardRooms.BOARD, "campaigns").join(new Viewer("Dan", false)).join();
  }
}
