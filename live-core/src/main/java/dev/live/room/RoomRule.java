package dev.live.room;

import dev.live.auth.AuthContext;

/**
 * Who may join a room: asked with the caller's credentials and the room's full name
 * ({@code board:b1}) on every join. A rule that throws denies.
 */
@FunctionalInterface
public interface RoomRule {
  boolean allows(AuthContext auth, String room);

  /** Every client, signed in or not. */
  static RoomRule anyone() {
    return (auth, room) -> true;
  }

  /** Signed-in clients only. */
  static RoomRule authenticated() {
    return (auth, room) -> auth.isAuthenticated();
  }
}
