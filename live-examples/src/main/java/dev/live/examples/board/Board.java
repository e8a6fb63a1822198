package dev.live.examples.board;

import dev.live.annotations.Collection;
import dev.live.annotations.Id;
import dev.live.annotations.Index;
import dev.live.annotations.Ref;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A board of tasks, owned by a team. */
@Collection("boards")
public record Board(
    @Id String id,
    String title,
    @Ref(value = Team.class, inverse = "boards") @Index String teamId,
    @Nullable LocalDate deadline,
    @Nullable BigDecimal budget,
    Instant createdAt) {}
