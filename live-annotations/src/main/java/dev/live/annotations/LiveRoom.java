package dev.live.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a room type: its name, the records of its state and of its members' presence, and its
 * events. The processor generates {@code <Type>_} beside the annotated type, with a constant per
 * event and a builder that starts the {@code RoomType} with all of these (its codecs included), and
 * adds the room to the schema's TypeScript declarations, so that the browser client's
 * {@code room("board", key)} is typed by it. The records need no {@code @LiveMessage}: the
 * processor generates their codecs anyway.
 *
 * <pre>{@code
 * @LiveRoom(name = "board", state = BoardRoomState.class, presence = Viewer.class,
 *     events = @LiveRoom.Event(name = "typing", type = Typing.class))
 * public final class BoardRooms {
 *   public static final RoomType<BoardRoomState, Viewer> BOARD =
 *       BoardRooms_.builder(new BoardRoomState(null, List.of())).allow(RoomRule.authenticated()).build();
 * }
 * }</pre>
 *
 * <p>The rule and the initial state are given at run time, on the builder. A room type built
 * without this annotation ({@code RoomType.builder(...)}) works the same on the server and in the
 * Java client, but the TypeScript declarations do not know it.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.CLASS)
public @interface LiveRoom {
  /**
   * The room type's name: a letter, then up to 31 letters, digits, {@code _} and {@code -}. Its
   * rooms are named {@code <name>:<key>} ({@code board:b1}). Unique within the application.
   */
  String name();

  /** The record of the room's shared state: members merge changes into it field by field. */
  Class<? extends Record> state();

  /** The record each member joins with and may replace: its presence. */
  Class<? extends Record> presence();

  /** The events members send each other; none by default. */
  Event[] events() default {};

  /** One kind of event: its name on the wire and the record it carries. */
  @Documented
  @Target({})
  @Retention(RetentionPolicy.CLASS)
  @interface Event {
    /** A letter, then up to 63 letters, digits, {@code _}, {@code .} and {@code -}; unique in its room type. */
    String name();

    /** The record the event carries. */
    Class<? extends Record> type();
  }
}
