package dev.live.examples.board;

import dev.live.annotations.Collection;
import dev.live.annotations.Id;
import dev.live.annotations.Ref;
import java.time.Instant;
import java.util.UUID;

/** A comment on a task. */
@Collection("comments")
public record Comment(
    @Id UUID id,
    @Ref(value = Task.class, inverse = "comments") String taskId,
    @Ref(value = User.class, name = "author") String authorId,
    String body,
    Instant createdAt) {}
