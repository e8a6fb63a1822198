package dev.live.query;

/**
 * What {@code include(...)} takes: a relation of {@code T} as it is ({@code Task_.assignee}),
 * or one refined with its own where / orderBy / limit / nested includes.
 */
public interface Includable<T> {
  Include<T, ?> toInclude();
}
