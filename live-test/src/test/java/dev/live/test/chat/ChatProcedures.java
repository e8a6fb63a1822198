package dev.live.test.chat;

import dev.live.annotations.Procedure;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.procedure.ProcedureContext;
import java.util.UUID;

public class ChatProcedures {
  /** Posts a message as the caller, who must be signed in. */
  @Procedure
  public Message send(Send input, ProcedureContext context) {
    String author = context.auth().userId().orElseThrow(() ->
        new LiveException(ErrorCode.UNAUTHENTICATED, "sign in to send a message"));
    return context.data().insert(MessageInsert.of(new Message(UUID.randomUUID().toString(), input.room(),
        author, input.text())));
  }
}
