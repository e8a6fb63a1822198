package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.live.auth.AuthContext;
import dev.live.client.LiveClient;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.test.LiveTest;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChatTest {
  @RegisterExtension
  static final LiveTest live = LiveTest.builder(AppSchema.INSTANCE)
      .server(server -> server.procedures(new ChatProcedures()).rules(ChatRules.RULES))
      .build();

  @Test
  void everyoneSignedInSeesANewMessage() {
    LiveClient bob = live.client(AuthContext.of("bob"));
    ChatProceduresClient.of(live.client(AuthContext.of("ada"))).send(new Send("general", " hello ")).join();

    Message seen = live.await(bob.query(MessageQuery.where(Message_.room.eq("general"))),
        result -> result.rows().size() == 1).rows().get(0);
    assertEquals("ada", seen.author());
    assertEquals("hello", seen.text());
  }

  @Test
  void visitorsWhoDidNotSignInReadNothingAndCannotSend() {
    live.call(AuthContext.of("ada"), ChatProcedures_.send, new Send("lobby", "hi"));
    LiveClient visitor = live.anonymousClient();

    assertTrue(live.first(visitor.query(MessageQuery.where(Message_.room.eq("lobby")))).rows().isEmpty());
    LiveException refused = assertThrows(LiveException.class,
        () -> live.call(AuthContext.anonymous(), ChatProcedures_.send, new Send("lobby", "me too")));
    assertEquals(ErrorCode.UNAUTHENTICATED, refused.code());
  }

  @Test
  void clientsCannotWriteMessagesDirectly() {
    LiveClient mallory = live.client(AuthContext.of("mallory"));
    Message forged = new Message("m1", "general", "ada", "I owe mallory 100", Instant.now());

    CompletionException failed = assertThrows(CompletionException.class,
        () -> mallory.insert(MessageInsert.of(forged)).join());
    assertEquals(ErrorCode.FORBIDDEN, ((LiveException) failed.getCause()).code());
  }

  @Test
  void anEmptyMessageIsRefused() {
    LiveException refused = assertThrows(LiveException.class,
        () -> live.call(AuthContext.of("ada"), ChatProcedures_.send, new Send("general", "  ")));
    assertTrue(refused.hasAppCode("EMPTY_MESSAGE"), refused.toString());
  }
}
