package dev.live.examples.board;

import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import dev.live.query.Condition;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a caller's team covers: the boards of the team, the tasks on them, the comments on those
 * tasks and the team's members. The read rules, the procedures and the room rule all ask here,
 * so that "another team's task" means the same thing everywhere. The team travels as the claim
 * {@value #TEAM_CLAIM} of the caller's {@link AuthContext}; a caller without it (anonymous) has
 * no team and so covers nothing.
 */
public final class TeamScope {
  /** The claim that holds the caller's team id. */
  public static final String TEAM_CLAIM = "team";

  private TeamScope() {}

  /** A signed-in user of {@code teamId} with {@code role}, as the authenticator makes them. */
  public static AuthContext member(String userId, String teamId, Role role) {
    return new AuthContext(Optional.of(userId), Set.of(role.name()), Map.of(TEAM_CLAIM, teamId));
  }

  /** The caller's team id, if they have one. */
  public static Optional<String> team(AuthContext auth) {
    return Optional.ofNullable(auth.claims().get(TEAM_CLAIM));
  }

  public static Condition<Board> boards(AuthContext auth) {
    return team(auth).map(Board_.teamId::eq).orElse(Rules.nothing(Board_.COLLECTION));
  }

  public static Condition<Task> tasks(AuthContext auth) {
    return team(auth).map(team -> Task_.board.is(Board_.teamId.eq(team)))
        .orElse(Rules.nothing(Task_.COLLECTION));
  }

  public static Condition<Comment> comments(AuthContext auth) {
    return team(auth).map(team -> Comment_.task.is(Task_.board.is(Board_.teamId.eq(team))))
        .orElse(Rules.nothing(Comment_.COLLECTION));
  }

  public static Condition<User> users(AuthContext auth) {
    return team(auth).map(User_.teamId::eq).orElse(Rules.nothing(User_.COLLECTION));
  }
}
