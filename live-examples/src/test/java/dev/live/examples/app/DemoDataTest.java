package dev.live.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.auth.AuthContext;
import dev.live.examples.board.BoardQuery;
import dev.live.examples.board.BoardServer;
import dev.live.examples.board.CommentQuery;
import dev.live.examples.board.Role;
import dev.live.examples.board.Session;
import dev.live.examples.board.SessionTokens;
import dev.live.examples.board.SignIn;
import dev.live.examples.board.SignInProcedures;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TeamQuery;
import dev.live.examples.board.TeamScope;
import dev.live.examples.board.UserQuery;
import dev.live.procedure.DataAccess;
import dev.live.procedure.ProcedureContext;
import dev.live.storage.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a file database the demo data is written on the first start only, and tokens outlive a restart. */
class DemoDataTest {
  @TempDir
  Path dir;

  @Test
  void demoDataIsSeededOnceAndTokensSurviveARestart() {
    Path data = dir.resolve("board-app");
    Path secret = dir.resolve("board-app.secret");
    Session zoe;
    try (BoardServer first = start(data, secret)) {
      assertThat(first.seeded()).isTrue();
      assertThat(counts(first.server().data())).containsExactly(2, 5, 3, 12, 5);
      assertThat(first.demoUsers()).extracting(user -> user.name() + "/" + user.team() + "/" + user.role())
          .containsExactly("Ann/Core/ADMIN", "Bob/Core/MEMBER", "Cat/Core/MEMBER", "Dan/Growth/ADMIN", "Eve/Growth/MEMBER");
      zoe = new SignInProcedures(SessionTokens.fromFile(secret)).signIn(new SignIn("Zoe", "Growth"),
          ProcedureContext.of(AuthContext.anonymous(), first.server().data()));
    }
    try (BoardServer second = start(data, secret)) {
      assertThat(second.seeded()).isFalse();
      assertThat(counts(second.server().data())).as("Zoe added, nothing seeded twice").containsExactly(2, 6, 3, 12, 5);
      assertThat(SessionTokens.fromFile(secret).verify(zoe.token())).contains(zoe.userId());
    }
  }

  @Test
  void theAuthContextOfAMemberCarriesRoleAndTeam() {
    AuthContext dan = TeamScope.member("u-dan", "team-growth", Role.ADMIN);
    assertThat(dan.hasRole("ADMIN")).isTrue();
    assertThat(TeamScope.team(dan)).contains("team-growth");
    assertThat(TeamScope.team(AuthContext.anonymous())).isEmpty();
  }

  private static BoardServer start(Path data, Path secret) {
    return BoardServer.start(Database.h2File(data), SessionTokens.fromFile(secret),
        new BoardServer.Options("127.0.0.1", 0, Set.of()));
  }

  private static List<Integer> counts(DataAccess data) {
    return List.of(data.list(TeamQuery.all()).size(), data.list(UserQuery.all()).size(),
        data.list(BoardQuery.all()).size(), data.list(TaskQuery.all()).size(), data.list(CommentQuery.all()).size());
  }
}
