package dev.live.test;

import dev.live.auth.AuthContext;
import dev.live.auth.Authenticator;
import dev.live.auth.Handshake;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test server's authenticator: a bearer token the kit issued stands for the {@link
 * AuthContext} it was issued for; any other handshake goes to the application's own
 * authenticator (anonymous unless the test gave one).
 */
final class TestSignIns implements Authenticator {
  private static final String PREFIX = "live-test.";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, AuthContext> issued = new ConcurrentHashMap<>();
  private final Authenticator others;

  TestSignIns(Authenticator others) {
    this.others = others;
  }

  /** A new token for {@code auth}; each call gives another, so two clients of one user stay two clients. */
  String issue(AuthContext auth) {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String token = PREFIX + HexFormat.of().formatHex(random);
    issued.put(token, auth);
    return token;
  }

  @Override
  public AuthContext authenticate(Handshake handshake) {
    Optional<AuthContext> known = handshake.bearerToken().map(issued::get);
    return known.orElseGet(() -> others.authenticate(handshake));
  }
}
