package dev.live.examples.board;

import dev.live.annotations.Collection;
import dev.live.annotations.Id;
import dev.live.annotations.Ref;
import org.jspecify.annotations.Nullable;

/** A person signed in to the board, member of one team. */
@Collection("users")
public record User(
    @Id String id,
    String name,
    @Nullable String email,
    @Ref(value = Team.class, inverse = "members") String teamId,
    Role role) {}
