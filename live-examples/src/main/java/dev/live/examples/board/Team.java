package dev.live.examples.board;

import dev.live.annotations.Collection;
import dev.live.annotations.Id;
import dev.live.annotations.Unique;
import java.time.Instant;

/** A team: its members see its boards. */
@Collection("teams")
public record Team(@Id String id, @Unique String name, Instant createdAt) {}
