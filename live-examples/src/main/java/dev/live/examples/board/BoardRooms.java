package dev.live.examples.board;

import dev.live.annotations.LiveRoom;
import dev.live.procedure.DataAccess;
import dev.live.room.EventType;
import dev.live.room.RoomRule;
import dev.live.room.RoomType;
import java.util.List;

/**
 * The board's rooms: one per board ({@code board:b1}) where signed-in viewers see each other,
 * see who is typing, and share a topic and pinned tasks. Declared with {@code @LiveRoom}, so the
 * browser's {@code room("board", id)} is typed by the generated AppSchema.d.ts.
 */
@LiveRoom(name = "board", state = BoardRoomState.class, presence = Viewer.class,
    events = @LiveRoom.Event(name = "typing", type = Typing.class))
public final class BoardRooms {
  public static final EventType<Typing> TYPING = BoardRooms_.TYPING;

  public static final RoomType<BoardRoomState, Viewer> BOARD = board(RoomRule.authenticated());

  private BoardRooms() {}

  /**
   * The rule of the app: {@code board:<boardId>} is for the members of the board's team. The
   * board is read at each join, so a board that moves to another team moves its room too.
   */
  public static RoomRule teamMembers(DataAccess data) {
    return (auth, room) -> {
      String boardId = room.substring(room.indexOf(':') + 1);
      return data.find(BoardQuery.where(TeamScope.boards(auth)).one(boardId)).isPresent();
    };
  }

  /** The board room type with another rule (the app checks the team; tests try others). */
  public static RoomType<BoardRoomState, Viewer> board(RoomRule rule) {
    return BoardRooms_.builder(new BoardRoomState(null, List.of())).allow(rule).build();
  }
}
