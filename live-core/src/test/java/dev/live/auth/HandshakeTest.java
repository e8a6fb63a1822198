package dev.live.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where {@link Handshake#bearerToken()} finds a token: the header, then the browser's parameter. */
class HandshakeTest {

  @Test
  void bearerTokenReadsTheAuthorizationHeaderInAnyCase() {
    assertThat(handshake(Map.of("authorization", List.of("bearer abc")), Map.of()).bearerToken()).contains("abc");
  }

  @Test
  void bearerTokenReadsTheAccessTokenParameterTheBrowserClientSends() {
    assertThat(handshake(Map.of(), Map.of("access_token", List.of("abc"))).bearerToken()).contains("abc");
  }

  @Test
  void bearerTokenStillReadsTheTokenParameterOlderClientsSent() {
    assertThat(handshake(Map.of(), Map.of("token", List.of("abc"))).bearerToken()).contains("abc");
  }

  @Test
  void theHeaderWinsOverAParameterAndAccessTokenOverToken() {
    assertThat(handshake(Map.of("Authorization", List.of("Bearer h")),
        Map.of("access_token", List.of("a"), "token", List.of("t"))).bearerToken()).contains("h");
    assertThat(handshake(Map.of(), Map.of("access_token", List.of("a"), "token", List.of("t"))).bearerToken())
        .contains("a");
  }

  @Test
  void emptyValuesAndOtherSchemesAreNoToken() {
    assertThat(handshake(Map.of("Authorization", List.of("Basic dXNlcg==")), Map.of()).bearerToken()).isEmpty();
    assertThat(handshake(Map.of("Authorization", List.of("Bearer  ")),
        Map.of("access_token", List.of(""), "token", List.of(""))).bearerToken()).isEmpty();
  }

  private static Handshake handshake(Map<String, List<String>> headers, Map<String, List<String>> parameters) {
    return new Handshake(headers, Map.of(), parameters, "127.0.0.1");
  }
}
