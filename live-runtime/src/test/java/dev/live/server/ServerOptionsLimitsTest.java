package dev.live.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The origin, rate-limit and per-user engine options: their defaults, and values refused with a message that says why. */
class ServerOptionsLimitsTest {
  @Test
  void defaultsCheckNoOriginAndLimitRates() {
    ServerOptions options = ServerOptions.defaults();
    assertThat(options.allowedOrigins()).isEmpty();
    assertThat(options.messagesPerSecond()).isEqualTo(100);
    assertThat(options.messageBurst()).isEqualTo(200);
    assertThat(options.userMessagesPerSecond()).isEqualTo(300);
    assertThat(options.userMessageBurst()).isEqualTo(600);
    assertThat(options.rateLimitStrikes()).isEqualTo(50);
    assertThat(options.maxSubscriptionsPerUser()).isEqualTo(2_000);
    assertThat(options.maxQueriesPerUser()).isEqualTo(1_000);
    assertThat(options.engineTimePerUser()).isEqualTo(java.time.Duration.ofMillis(100));
  }

  @Test
  void perUserEngineBoundsOutsideTheirRangeAreRefusedByName() {
    assertThatThrownBy(() -> ServerOptions.builder().maxSubscriptionsPerUser(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSubscriptionsPerUser");
    assertThatThrownBy(() -> ServerOptions.builder().maxQueriesPerUser(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxQueriesPerUser");
    assertThatThrownBy(() -> ServerOptions.builder().engineTimePerUser(java.time.Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("engineTimePerUser is from 1 ms to 1 s");
    assertThatThrownBy(() -> ServerOptions.builder().engineTimePerUser(java.time.Duration.ofSeconds(2)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("engineTimePerUser");
  }

  @Test
  void originsAsBrowsersSendThemAreAccepted() {
    ServerOptions options = ServerOptions.builder().allowedOrigins("https://app.example.com", "http://localhost:5173",
        "http://127.0.0.1:8080", "http://[::1]:3000", "capacitor://localhost", "https://app.example.com").build();
    assertThat(options.allowedOrigins()).hasSize(5);
  }

  @Test
  void originsThatCouldNeverMatchAreRefused() {
    for (String origin : new String[] {"https://app.example.com/", "https://app.example.com/app", "app.example.com",
        "https://App.Example.com", "*", "https://*.example.com", "null", "https://app.example.com?x=1",
        "https://user@app.example.com", " https://app.example.com", "https://app.example.com:99999",
        "https://app.example.com:0", "https://app.example.com:", ""}) {
      assertThatThrownBy(() -> ServerOptions.builder().allowedOrigins(origin).build()).as("origin '%s'", origin)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("allowedOrigins")
          .hasMessageContaining("'" + origin + "'");
    }
  }

  @Test
  void aDefaultPortIsRefusedWithTheOriginToWriteInstead() {
    assertThatThrownBy(() -> ServerOptions.builder().allowedOrigins("https://app.example.com:443").build())
        .hasMessageContaining("default port").hasMessageContaining("write https://app.example.com");
    assertThatThrownBy(() -> ServerOptions.builder().allowedOrigins("http://app.example.com:80").build())
        .hasMessageContaining("write http://app.example.com");
    assertThat(ServerOptions.builder().allowedOrigins("http://app.example.com:443").build().allowedOrigins())
        .containsExactly("http://app.example.com:443");
  }

  @Test
  void aNullOriginIsRefusedByName() {
    Set<String> origins = new HashSet<>();
    origins.add(null);
    assertThatThrownBy(() -> ServerOptions.builder().allowedOrigins(origins).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowedOrigins holds null");
  }

  @Test
  void theOriginsAreCopied() {
    Set<String> origins = new HashSet<>(Set.of("https://app.example.com"));
    ServerOptions options = ServerOptions.builder().allowedOrigins(origins).build();
    origins.add("https://evil.example.com");
    assertThat(options.allowedOrigins()).containsExactly("https://app.example.com");
  }

  @Test
  void ratesBurstsAndStrikesBelowOneAreRefusedByName() {
    assertThatThrownBy(() -> ServerOptions.builder().messagesPerSecond(0).build())
        .hasMessageContaining("messagesPerSecond is from 1");
    assertThatThrownBy(() -> ServerOptions.builder().messageBurst(0).build()).hasMessageContaining("messageBurst");
    assertThatThrownBy(() -> ServerOptions.builder().userMessagesPerSecond(-5).build())
        .hasMessageContaining("userMessagesPerSecond");
    assertThatThrownBy(() -> ServerOptions.builder().userMessageBurst(0).build())
        .hasMessageContaining("userMessageBurst");
    assertThatThrownBy(() -> ServerOptions.builder().rateLimitStrikes(0).build())
        .hasMessageContaining("rateLimitStrikes is from 1 to 10000");
    assertThatThrownBy(() -> ServerOptions.builder().rateLimitStrikes(10_001).build())
        .hasMessageContaining("rateLimitStrikes");
  }
}
