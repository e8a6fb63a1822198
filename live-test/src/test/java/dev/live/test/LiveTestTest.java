package dev.live.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.auth.AuthContext;
import dev.live.client.ConnectionState;
import dev.live.client.LiveClient;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.subscription.QueryResult;
import dev.live.test.chat.AppSchema;
import dev.live.test.chat.ChatProcedures;
import dev.live.test.chat.ChatProceduresClient;
import dev.live.test.chat.ChatProcedures_;
import dev.live.test.chat.ChatRules;
import dev.live.test.chat.Message;
import dev.live.test.chat.MessageInsert;
import dev.live.test.chat.MessageQuery;
import dev.live.test.chat.Message_;
import dev.live.test.chat.Send;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LiveTestTest {
  private static final AuthContext ALICE = AuthContext.of("alice").withClaim("team", "red");
  private static final AuthContext BOB = AuthContext.of("bob").withClaim("team", "red");
  private static final AuthContext CAROL = AuthContext.of("carol").withClaim("team", "blue");

  @RegisterExtension
  static final LiveTest live = LiveTest.builder(AppSchema.INSTANCE)
      .server(server -> server.procedures(new ChatProcedures()).rules(ChatRules.RULES))
      .build();

  @Test
  void clientsAreSignedInAsTheirUserAndSeeWhatTheirRulesAllow() throws Exception {
    LiveClient bob = live.client(BOB);
    LiveClient carol = live.client(CAROL);

    Message sent = ChatProceduresClient.of(live.client(ALICE)).send(new Send("red", "hi bob")).get();

    QueryResult<Message> seen = live.await(bob.query(MessageQuery.where(Message_.id.eq(sent.id()))),
        result -> !result.rows().isEmpty());
    assertThat(seen.rows()).containsExactly(new Message(sent.id(), "red", "alice", "hi bob"));
    assertThat(live.first(carol.query(MessageQuery.where(Message_.id.eq(sent.id())))).rows()).isEmpty();
  }

  @Test
  void callsRunInProcessAsTheGivenUser() {
    Message sent = live.call(CAROL, ChatProcedures_.send, new Send("blue", "in process"));

    assertThat(sent.author()).isEqualTo("carol");
    assertThat(live.first(live.client(CAROL).query(MessageQuery.where(Message_.id.eq(sent.id())))).rows())
        .extracting(Message::text).containsExactly("in process");
  }

  @Test
  void aRefusedCallThrowsItsError() {
    assertThatThrownBy(() -> live.call(AuthContext.anonymous(), ChatProcedures_.send, new Send("red", "who?")))
        .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
  }

  @Test
  void anAnonymousClientIsWhatTheApplicationsAuthenticatorMakesOfNoToken() {
    LiveClient nobody = live.anonymousClient();

    assertThatThrownBy(() -> ChatProceduresClient.of(nobody).send(new Send("red", "x")).join())
        .hasCauseInstanceOf(LiveException.class)
        .hasMessageContaining("sign in to send a message");
  }

  @Test
  void aTokenSignsInOtherClients() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + live.server().port() + "/live/call/send"))
        .header("Authorization", "Bearer " + live.token(BOB))
        .POST(HttpRequest.BodyPublishers.ofString("{\"room\":\"red\",\"text\":\"over http\"}"))
        .build();

    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"author\":\"bob\"", "\"text\":\"over http\"");
  }

  @Test
  void awaitFailsWithTheLastResultWhenNothingMatches() {
    try (LiveTest quick = LiveTest.builder(AppSchema.INSTANCE).timeout(Duration.ofMillis(300)).build().start()) {
      quick.data().insert(MessageInsert.of(new Message("m1", "red", "alice", "only one")));
      LiveClient reader = quick.client(ALICE);

      assertThatThrownBy(() -> quick.await(reader.query(MessageQuery.all()), result -> result.rows().size() == 2))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("no live result matched within 300 ms")
          .hasMessageContaining("only one");
    }
  }

  @Test
  void aFailingConditionFailsAtOnce() {
    LiveClient bob = live.client(BOB);

    assertThatThrownBy(() -> live.await(bob.query(MessageQuery.all()), result -> {
      throw new AssertionError("checked in the condition");
    })).isInstanceOf(AssertionError.class).hasMessage("checked in the condition");
  }

  @Test
  void anInstanceFieldGivesEachTestItsOwnServerAndClosesItsClients() {
    LiveTest perTest = LiveTest.builder(AppSchema.INSTANCE).build();
    perTest.beforeEach(null);
    perTest.data().insert(MessageInsert.of(new Message("m1", "red", "alice", "first test's")));
    LiveClient client = perTest.client(ALICE);
    assertThat(perTest.server().connectionCount()).isEqualTo(1);
    perTest.afterEach(null);

    assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
    assertThatThrownBy(perTest::server).isInstanceOf(IllegalStateException.class).hasMessageContaining("not running");
    perTest.beforeEach(null);
    try {
      assertThat(perTest.first(perTest.client(ALICE).query(MessageQuery.all())).rows()).isEmpty();
    } finally {
      perTest.afterEach(null);
    }
  }

  @Test
  void clientsOfTheClassOutliveATest() {
    LiveTest perClass = LiveTest.builder(AppSchema.INSTANCE).build();
    perClass.beforeAll(null);
    try {
      LiveClient shared = perClass.client(ALICE);
      perClass.beforeEach(null);
      LiveClient own = perClass.client(BOB);
      perClass.afterEach(null);

      assertThat(own.state()).isEqualTo(ConnectionState.CLOSED);
      assertThat(shared.state()).isEqualTo(ConnectionState.OPEN);
    } finally {
      perClass.afterAll(null);
    }
    assertThatThrownBy(perClass::server).isInstanceOf(IllegalStateException.class);
  }
}
