package dev.live.examples.board;

/** Input of {@link TaskProcedures#move}: the task's new column and position in it. */
public record MoveTask(String taskId, Status status, int position) {}
