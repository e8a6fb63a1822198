package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.AuthContext;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Role;
import dev.live.examples.board.TaskProcedures;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.Task_;
import dev.live.server.LiveServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Roles declared on the procedure ({@code @Procedure(name = "archiveBoard", roles = "ADMIN")}):
 * a caller without one is refused with {@code FORBIDDEN} before the procedure or a middleware
 * runs, over WebSocket and HTTP; a caller with one is served; and roles set on the builder as
 * well are refused at start. Team 1 has boards b1 (t1–t3) and b2 (t4).
 */
class ProcedureRolesTest extends ServerTestBase {
  private static final Map<String, AuthContext> USERS = Map.of(
      "ann", TeamRules.user("u1", "team1", Role.ADMIN),
      "bob", TeamRules.user("u2", "team1", Role.MEMBER));

  private final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder
        .authenticate(handshake -> handshake.header("X-User").map(USERS::get).orElse(AuthContext.anonymous()))
        .rules(TeamRules.teamReadRules().build())
        .procedures(new TaskProcedures())
        .middleware((invocation, next) -> {
          calls.add(invocation.operation() + " " + invocation.target());
          return next.proceed();
        });
  }

  @Test
  void aCallerWithoutTheRoleIsForbiddenAndOneWithItIsServed() {
    JsonNode refused = as("bob").call("archiveBoard", "\"b1\"");
    assertThat(refused.path("type").asText()).as("reply %s", refused).isEqualTo("error");
    assertThat(refused.path("error").path("code").asText()).isEqualTo("FORBIDDEN");
    assertThat(refused.path("error").path("message").asText())
        .isEqualTo("procedure 'archiveBoard' needs the role ADMIN");
    assertThat(calls).as("neither the procedure nor a middleware ran").doesNotContain("call archiveBoard");
    JsonNode anonymous = as(null).call("archiveBoard", "\"b1\"");
    assertThat(anonymous.path("error").path("code").asText()).as("reply %s", anonymous).isEqualTo("FORBIDDEN");
    assertThat(store.list(TaskQuery.where(Task_.boardId.eq("b1")))).hasSize(3);

    JsonNode served = as("ann").call("archiveBoard", "\"b1\"");
    assertThat(served.path("type").asText()).as("reply %s", served).isEqualTo("result");
    assertThat(store.list(TaskQuery.where(Task_.boardId.eq("b1")))).isEmpty();
  }

  @Test
  void overHttpACallerWithoutTheRoleGets403() {
    HttpResponse<String> refused = HttpCalls.post(server, "/call/archiveBoard", Map.of("X-User", "bob"), "\"b2\"");
    assertThat(refused.statusCode()).as("body %s", refused.body()).isEqualTo(403);
    assertThat(HttpCalls.json(refused).path("error").path("message").asText()).contains("needs the role ADMIN");

    HttpResponse<String> served = HttpCalls.post(server, "/call/archiveBoard", Map.of("X-User", "ann"), "\"b2\"");
    assertThat(served.statusCode()).as("body %s", served.body()).isEqualTo(200);
    assertThat(store.list(TaskQuery.where(Task_.boardId.eq("b2")))).isEmpty();
  }

  @Test
  @SuppressWarnings("removal") // the deprecated builder method, for a procedure that declares its roles
  void rolesOnTheBuilderForAProcedureThatDeclaresItsOwnAreRefusedAtStart() {
    LiveServer.Builder twice = LiveServer.builder().schema(AppSchema.INSTANCE).store(store).host("127.0.0.1").port(0)
        .procedures(new TaskProcedures())
        .roles("archiveBoard", "MEMBER");
    assertThatThrownBy(twice::start)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("roles are set on the builder for procedure 'archiveBoard', which declares its own with"
            + " @Procedure(roles = ...): ADMIN; keep them in one place, the annotation");
  }

  private WsClient as(String user) {
    WsClient client = track(WsClient.connect(uri(), user == null ? Map.of() : Map.of("X-User", user)));
    client.hello(null);
    return client;
  }
}
