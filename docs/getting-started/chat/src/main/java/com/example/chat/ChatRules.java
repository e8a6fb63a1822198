package com.example.chat;

import dev.live.auth.Rules;

public final class ChatRules {
  public static final Rules RULES = Rules.builder()
      // Signed-in users read every room; others read nothing.
      .read(Message_.COLLECTION, auth -> auth.isAuthenticated()
          ? Rules.everything(Message_.COLLECTION) : Rules.nothing(Message_.COLLECTION))
      // Clients write through ChatProcedures.send only: no direct insert, update or delete.
      .denyUnlistedWrites()
      .build();

  private ChatRules() {}
}
