package dev.live.auth;

/**
 * Decides who a client is from what it presents: called once per WebSocket connection, at the
 * upgrade, and once per HTTP call. Return {@link AuthContext#anonymous()} for a client without
 * credentials (the server refuses anonymous clients when configured to); throw {@link
 * dev.live.error.LiveException} with {@code UNAUTHENTICATED} for credentials you refuse (the
 * upgrade is answered 401 and no connection is opened). Anything else thrown is refused the same
 * way and logged.
 */
@FunctionalInterface
public interface Authenticator {
  AuthContext authenticate(Handshake handshake);

  /** Everyone is anonymous. */
  static Authenticator anonymous() {
    return handshake -> AuthContext.anonymous();
  }
}
