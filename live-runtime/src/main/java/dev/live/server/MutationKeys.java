package dev.live.server;

import dev.live.auth.AuthContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key under which a client's mutation sequence numbers are recorded: its client id within
 * its user's namespace, so that a user who names another user's client id can neither replay
 * into nor exhaust that client's sequence, nor close its connections. Anonymous clients share one
 * namespace: they are not told apart by anything but the id they choose.
 */
final class MutationKeys {
  private MutationKeys() {}

  /** {@code clientId} for an anonymous client; a digest of the user id and {@code clientId} otherwise. */
  static String of(AuthContext auth, String clientId) {
    if (auth.userId().isEmpty()) {
      return "a:" + clientId;
    }
    // 16 bytes of SHA-256 keep the key short (client ids are at most 64 characters, keys 128).
    return userPrefix(auth.userId().get()) + clientId;
  }

  /** The start of the keys of every client of user {@code userId}. */
  static String userPrefix(String userId) {
    return "u:" + HexFormat.of().formatHex(sha256(userId), 0, 16) + ":";
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
