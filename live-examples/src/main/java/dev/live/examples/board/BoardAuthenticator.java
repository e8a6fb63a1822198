package dev.live.examples.board;

import dev.live.auth.AuthContext;
import dev.live.auth.Authenticator;
import dev.live.auth.Handshake;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.procedure.DataAccess;
import java.util.Optional;

/**
 * Who a board client is: the token of an {@code Authorization: Bearer} header or, from the browser
 * client (browsers cannot set headers on a WebSocket), of the {@code access_token} query parameter,
 * as {@link Handshake#bearerToken()} reads them. No token is an anonymous client, which may only sign in; a token this server
 * did not sign, or one of a user who no longer exists, is refused (401). The user is read once,
 * here, per connection (and per HTTP call): their role and team then ride on the connection.
 */
public final class BoardAuthenticator implements Authenticator {
  private final SessionTokens tokens;
  private final DataAccess data;

  public BoardAuthenticator(SessionTokens tokens, DataAccess data) {
    this.tokens = tokens;
    this.data = data;
  }

  @Override
  public AuthContext authenticate(Handshake handshake) {
    Optional<String> token = handshake.bearerToken();
    if (token.isEmpty()) {
      return AuthContext.anonymous();
    }
    String userId = tokens.verify(token.get()).orElseThrow(() ->
        new LiveException(ErrorCode.UNAUTHENTICATED, "the token is not one this server issued; sign in again"));
    User user = data.find(UserQuery.all().one(userId)).orElseThrow(() ->
        new LiveException(ErrorCode.UNAUTHENTICATED, "the token's user no longer exists; sign in again"));
    return TeamScope.member(user.id(), user.teamId(), user.role());
  }
}
