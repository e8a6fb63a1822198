package com.example.library;

import dev.live.room.EventType;
import dev.live.room.RoomType;
import javax.annotation.processing.Generated;

/**
 * Room type {@code reading-room}, declared on {@link ReadingRoom}: its events, and the builder of its {@code RoomType}.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class ReadingRoom_ {
  /**
   * Event {@code pageTurned}, carrying a {@link ReadingRoom.PageTurn}.
   */
  public static final EventType<ReadingRoom.PageTurn> PAGE_TURNED = new EventType<>("pageTurned", ReadingRoom_PageTurnJson.CODEC);

  /**
   * Event {@code book.lent}, carrying a {@link LendBook}.
   */
  public static final EventType<LendBook> BOOK_LENT = new EventType<>("book.lent", LendBookJson.CODEC);

  private ReadingRoom_() {
  }

  /**
   * A builder of room type {@code reading-room}, its rooms starting with {@code initialState}: say who may join
   * ({@code allow(...)}) and build it.
   */
  public static RoomType.Builder<ReadingRoom.Page, ReadingRoom.Reader> builder(
      ReadingRoom.Page initialState) {
    return RoomType.builder("reading-room", ReadingRoom_PageJson.CODEC, initialState, ReadingRoom_ReaderJson.CODEC)
        .event(PAGE_TURNED)
        .event(BOOK_LENT);
  }
}
