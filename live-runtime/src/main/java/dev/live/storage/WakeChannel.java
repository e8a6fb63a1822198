package dev.live.storage;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The PostgreSQL channel on which the nodes of one Live application tell each other of commits:
 * {@code live_changes:<schema>}, the schema the application's tables (and so its change log) are
 * in. Channels are per database, not per schema, so two applications in two schemas of one
 * database get two channels and do not wake each other for nothing; nodes that share a schema
 * share a change log, and a channel. A name past PostgreSQL's 63 bytes is cut and ends in a
 * checksum of the whole, so it stays distinct and the same on every node.
 *
 * @param name the channel's name, as {@code pg_notify} takes it and {@code pg_listening_channels()} shows it
 */
record WakeChannel(String name) {
  static final String PREFIX = "live_changes:";

  static WakeChannel forSchema(String schema) {
    String full = PREFIX + schema;
    if (bytes(full) <= SqlNames.MAX_IDENTIFIER_LENGTH) {
      return new WakeChannel(full);
    }
    CRC32 checksum = new CRC32();
    checksum.update(full.getBytes(StandardCharsets.UTF_8));
    String suffix = "~" + Long.toHexString(checksum.getValue());
    String cut = full;
    while (bytes(cut) + suffix.length() > SqlNames.MAX_IDENTIFIER_LENGTH) {
      // By code point, so that a character is never cut in half.
      cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
    }
    return new WakeChannel(cut + suffix);
  }

  /**
   * {@code LISTEN} takes an identifier, not a parameter: the name quoted, its quotes doubled, so
   * that whatever the schema is called it stays one name (and keeps its case).
   */
  String listenSql() {
    return "LISTEN \"" + name.replace("\"", "\"\"") + "\"";
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
