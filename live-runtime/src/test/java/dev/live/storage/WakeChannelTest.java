package dev.live.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The channel of one application's commits: one per schema, within PostgreSQL's 63 bytes. */
class WakeChannelTest {
  @Test
  void theChannelNamesTheSchemaTheChangeLogIsIn() {
    assertThat(WakeChannel.forSchema("public").name()).isEqualTo("live_changes:public");
    assertThat(WakeChannel.forSchema("Shop").name()).isEqualTo("live_changes:Shop");
  }

  @Test
  void aLongSchemaNameIsCutToSixtyThreeBytesAndStaysDistinct() {
    String base = "a".repeat(60);
    WakeChannel one = WakeChannel.forSchema(base + "_one");
    WakeChannel two = WakeChannel.forSchema(base + "_two");
    assertThat(bytes(one.name())).isLessThanOrEqualTo(63);
    assertThat(one.name()).startsWith("live_changes:aaa").isNotEqualTo(two.name());
    assertThat(WakeChannel.forSchema(base + "_one")).as("the same on every node").isEqualTo(one);
  }

  @Test
  void aCutNeverSplitsACharacter() {
    WakeChannel channel = WakeChannel.forSchema("ü".repeat(40));
    assertThat(bytes(channel.name())).isLessThanOrEqualTo(63);
    assertThat(channel.name()).doesNotContain("\uFFFD").matches("live_changes:ü+~[0-9a-f]+");
  }

  @Test
  void listenQuotesTheNameSoAnyTextIsOneIdentifier() {
    assertThat(WakeChannel.forSchema("we\"ird").listenSql()).isEqualTo("LISTEN \"live_changes:we\"\"ird\"");
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
