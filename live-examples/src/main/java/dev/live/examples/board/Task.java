package dev.live.examples.board;

import dev.live.annotations.Collection;
import dev.live.annotations.Id;
import dev.live.annotations.Index;
import dev.live.annotations.Ref;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A task on a board, maybe assigned to a user. */
@Collection("tasks")
public record Task(
    @Id String id,
    @Ref(value = Board.class, inverse = "tasks") String boardId,
    String title,
    Status status,
    @Ref(value = User.class, inverse = "assignedTasks") @Nullable String assigneeId,
    @Index @Nullable Instant due,
    int position,
    double estimate,
    long revision,
    List<String> labels,
    @Nullable Checklist checklist) {}
