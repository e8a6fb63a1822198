package dev.live.examples.server;

import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import dev.live.examples.board.Board_;
import dev.live.examples.board.Role;
import dev.live.examples.board.Task_;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The team world the rule tests share: users carry their team as a claim, and a user reads the
 * boards of their own team and the tasks on them. Team 1 has boards b1, b2 (tasks t1–t4); team 2
 * has b3 (t5).
 */
final class TeamRules {
  private TeamRules() {}

  static AuthContext user(String id, String team, Role role) {
    return new AuthContext(Optional.of(id), Set.of(role.name()), Map.of("team", team));
  }

  static Optional<String> team(AuthContext auth) {
    return Optional.ofNullable(auth.claims().get("team"));
  }

  /** Read rules of tasks and boards by team; anonymous callers read none. */
  static Rules.Builder teamReadRules() {
    return Rules.builder()
        .read(Task_.COLLECTION, auth -> team(auth)
            .map(team -> Task_.board.is(Board_.teamId.eq(team)))
            .orElse(Rules.nothing(Task_.COLLECTION)))
        .read(Board_.COLLECTION, auth -> team(auth)
            .map(Board_.teamId::eq)
            .orElse(Rules.nothing(Board_.COLLECTION)));
  }
}
