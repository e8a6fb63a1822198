package dev.live.test.chat;

import dev.live.auth.Rules;

/** Users read the messages of their team's room (the claim {@code team}), and post as themselves. */
public final class ChatRules {
  public static final Rules RULES = Rules.builder()
      .read(Message_.COLLECTION, auth -> Message_.room.eq(auth.claims().getOrDefault("team", "")))
      .insert(Message_.COLLECTION, (auth, message) -> auth.userId().filter(message.author()::equals).isPresent())
      .build();

  private ChatRules() {}
}
