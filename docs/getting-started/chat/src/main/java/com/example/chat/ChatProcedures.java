package com.example.chat;

import dev.live.annotations.Procedure;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.procedure.ProcedureContext;
import java.time.Instant;
import java.util.UUID;

public class ChatProcedures {
  @Procedure
  public Message send(Send input, ProcedureContext context) {
    String author = context.auth().userId()
        .orElseThrow(() -> new LiveException(ErrorCode.UNAUTHENTICATED, "sign in to chat"));
    if (input.text().isBlank()) {
      throw LiveException.of("EMPTY_MESSAGE", "a message needs some text"); // the app's own error code
    }
    Message message = new Message(UUID.randomUUID().toString(), input.room(), author, input.text().strip(), Instant.now());
    return context.data().insert(MessageInsert.of(message));
  }
}
