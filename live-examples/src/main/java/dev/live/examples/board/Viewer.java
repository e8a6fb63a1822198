package dev.live.examples.board;

import dev.live.annotations.LiveMessage;

/** Who is looking at a board: a board room member's presence. */
@LiveMessage
public record Viewer(String name, boolean typing) {}
