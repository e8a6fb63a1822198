package dev.live.examples.board;

/** Input of {@link TaskProcedures#complete}. */
public record CompleteTask(String taskId) {}
