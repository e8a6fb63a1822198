package com.example.chat;

import dev.live.auth.AuthContext;
import dev.live.server.LiveServer;
import dev.live.storage.Database;

public final class ChatServer {
  public static void main(String[] args) {
    LiveServer server = LiveServer.builder()
        .schema(AppSchema.INSTANCE)
        .database(Database.h2Memory("chat"))
        .procedures(new ChatProcedures())
        .rules(ChatRules.RULES)
        // For the demo only: the token is the user's name. Check real tokens in production.
        .authenticate(handshake -> handshake.bearerToken().map(AuthContext::of).orElse(AuthContext.anonymous()))
        .site("web")
        .port(8080)
        .start();
    System.out.println("Chat at http://localhost:" + server.port() + "/?user=ada");
  }
}
