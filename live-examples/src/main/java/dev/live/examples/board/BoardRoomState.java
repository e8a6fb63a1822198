package dev.live.examples.board;

import dev.live.annotations.LiveMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a board room shares besides its tasks: a topic and the tasks pinned to the top. */
@LiveMessage
public record BoardRoomState(@Nullable String topic, List<String> pinned) {}
