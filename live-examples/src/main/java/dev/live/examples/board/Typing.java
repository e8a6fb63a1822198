package dev.live.examples.board;

import dev.live.annotations.LiveMessage;

/** A board room event: someone started or stopped typing a comment on a task. */
@LiveMessage
public record Typing(String taskId, boolean typing) {}
