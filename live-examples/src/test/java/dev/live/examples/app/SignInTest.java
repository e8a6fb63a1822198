package dev.live.examples.app;

import static dev.live.examples.app.Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.error.ErrorCode;
import dev.live.examples.board.Role;
import dev.live.examples.board.Session;
import dev.live.examples.board.SignIn;
import dev.live.examples.board.SignInProceduresClient;
import dev.live.examples.board.User;
import dev.live.examples.board.UserQuery;
import dev.live.examples.board.User_;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Sign-in by name: anonymous callers sign in over HTTP or WebSocket and get a token; the token
 * authenticates a connection as that user, from the {@code token} query parameter or a bearer
 * header; a token the app did not issue, or changed, is refused with 401.
 */
class SignInTest extends BoardAppTestBase {
  @Test
  void aKnownNameSignsInAsThatUserOverHttp() {
    HttpResponse<String> response = post("/live/call/signIn", null, json("{'name':'Ann','team':'Growth'}"));
    assertThat(response.statusCode()).as("body %s", response.body()).isEqualTo(200);
    JsonNode session = body(response).path("value");
    assertThat(session.path("userId").asText()).isEqualTo("u-ann");
    assertThat(session.path("name").asText()).isEqualTo("Ann");
    assertThat(session.path("teamId").asText()).as("her own team; the team is for new names").isEqualTo("team-core");
    assertThat(session.path("role").asText()).isEqualTo("ADMIN");
    assertThat(tokens.verify(session.path("token").asText())).contains("u-ann");
    assertThat(app.server().data().list(UserQuery.all())).hasSize(5);
  }

  @Test
  void aNewNameBecomesAMemberOfTheTeamItNames() {
    Session zoe = SignInProceduresClient.of(client(null)).signIn(new SignIn("  Zoe ", "Growth")).join();
    assertThat(zoe.userId()).startsWith("u-");
    assertThat(zoe.name()).isEqualTo("Zoe");
    assertThat(zoe.teamId()).isEqualTo("team-growth");
    assertThat(zoe.role()).isEqualTo(Role.MEMBER);
    assertThat(app.server().data().find(UserQuery.all().one(zoe.userId()))).get()
        .extracting(User::teamId).isEqualTo("team-growth");

    Session again = SignInProceduresClient.of(client(null)).signIn(new SignIn("Zoe", null)).join();
    assertThat(again.userId()).as("the same user the second time").isEqualTo(zoe.userId());
    assertThat(client(zoe.token()).query(UserQuery.all().orderBy(User_.name.asc())).get().join())
        .as("Zoe's token reads her team's members").extracting(User::name).containsExactly("Dan", "Eve", "Zoe");
  }

  @Test
  void aNewNameWithoutTeamJoinsTheFirstTeam() {
    Session yan = SignInProceduresClient.of(client(null)).signIn(new SignIn("Yan", null)).join();
    assertThat(yan.teamId()).isEqualTo("team-core");
  }

  @Test
  void signInRefusesABlankOrLongNameAndAnUnknownTeam() {
    SignInProceduresClient signIn = SignInProceduresClient.of(client(null));
    assertThat(failure(signIn.signIn(new SignIn("  ", null)))).satisfies(e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
      assertThat(e.getMessage()).isEqualTo("a name is needed to sign in");
    });
    assertThat(failure(signIn.signIn(new SignIn("x".repeat(41), null))).getMessage())
        .isEqualTo("a name has at most 40 characters, not 41");
    assertThat(failure(signIn.signIn(new SignIn("Zoe", "Sales")))).satisfies(e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(e.getMessage()).isEqualTo("no team is named 'Sales'; the teams are Core, Growth");
    });
    assertThat(app.server().data().list(UserQuery.where(User_.name.eq("Zoe")))).isEmpty();
  }

  @Test
  void theTokenAuthenticatesFromTheQueryParameterOrTheBearerHeader() {
    String token = tokens.issue("u-bob");
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(webSocket("?token=" + token), new WebSocket.Listener() {}).join();
    socket.abort();
    HttpResponse<String> query = post("/live/query", "Bearer " + token, json("{'collection':'users'}"));
    assertThat(query.statusCode()).as("body %s", query.body()).isEqualTo(200);
    assertThat(body(query).path("rows")).extracting(row -> row.path("name").asText()).contains("Bob", "Ann");
  }

  @Test
  void aBadOrTamperedTokenIsRefusedWith401() {
    String ann = tokens.issue("u-ann");
    String forged = "u-dan" + ann.substring(ann.indexOf('.'));
    for (String token : new String[] {"nonsense", forged, ann + "x", tokens.issue("u-nobody")}) {
      HttpResponse<String> response = post("/live/query", "Bearer " + token, json("{'collection':'teams'}"));
      assertThat(response.statusCode()).as("HTTP with %s", token).isEqualTo(401);
      assertThat(body(response).path("error").path("code").asText()).isEqualTo("UNAUTHENTICATED");
      assertThat(body(response).path("error").path("message").asText()).endsWith("sign in again");

      Throwable refused = catchThrowable(() -> HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(webSocket("?token=" + token), new WebSocket.Listener() {}).join());
      Throwable cause = refused instanceof CompletionException ? refused.getCause() : refused;
      assertThat(cause).as("upgrade with %s", token).isInstanceOf(WebSocketHandshakeException.class);
      assertThat(((WebSocketHandshakeException) cause).getResponse().statusCode()).isEqualTo(401);
    }
  }

  @Test
  void withoutATokenAClientIsAnonymousAndSeesOnlyWhatSignInNeeds() {
    HttpResponse<String> teams = post("/live/query", null, json("{'collection':'teams'}"));
    assertThat(body(teams).path("rows")).extracting(row -> row.path("name").asText())
        .containsExactlyInAnyOrder("Core", "Growth");
    assertThat(body(post("/live/query", null, json("{'collection':'users'}"))).path("rows")).isEmpty();
    JsonNode demo = body(post("/live/call/demoUsers", null, ""));
    assertThat(demo.path("value")).extracting(user -> user.path("name").asText())
        .containsExactly("Ann", "Bob", "Cat", "Dan", "Eve");
  }

  private URI webSocket(String query) {
    return URI.create("ws://127.0.0.1:" + app.server().port() + "/live" + query);
  }
}
