package dev.live.storage;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Identifiers in SQL. Every one comes from the schema (collection and column names the processor
 * checked: a letter, then letters, digits or {@code _}), never from a client; they are quoted so
 * that H2 and PostgreSQL keep their case and reserved words stay usable as names.
 */
final class SqlNames {
  /** PostgreSQL truncates identifiers beyond 63 bytes; names Live makes stay within it. */
  static final int MAX_IDENTIFIER_LENGTH = 63;

  /** Tables Live keeps for itself; collections may not use the prefix. */
  static final String SYSTEM_PREFIX = "live_";

  static final String CHANGES = quote(SYSTEM_PREFIX + "changes");
  static final String VERSION = quote(SYSTEM_PREFIX + "version");
  static final String CLIENTS = quote(SYSTEM_PREFIX + "clients");
  static final String NODES = quote(SYSTEM_PREFIX + "nodes");

  private SqlNames() {}

  static String quote(String identifier) {
    if (!isIdentifier(identifier)) {
      // The processor already refuses such names; reaching here means a hand-built schema.
      throw new IllegalArgumentException("'" + identifier + "' cannot be an SQL identifier: Live"
          + " uses names of a letter followed by letters, digits or '_', at most 63 long");
    }
    return '"' + identifier + '"';
  }

  /**
   * A letter, then letters, digits or {@code _}, at most 63 long. A loop, not a regular expression:
   * every statement Live builds quotes its names, and a pattern compiled each time showed in the
   * allocation profile.
   */
  private static boolean isIdentifier(String name) {
    if (name.isEmpty() || name.length() > MAX_IDENTIFIER_LENGTH || !isAsciiLetter(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }

  static String primaryKey(String table) {
    return constraint("pk", table, "id");
  }

  static String foreignKey(String table, String column) {
    return constraint("fk", table, column);
  }

  static String index(String table, String column) {
    return constraint("ix", table, column);
  }

  static String uniqueIndex(String table, String column) {
    return constraint("ux", table, column);
  }

  /**
   * {@code kind_table_column}, or when that is too long, a shortened form ending in a checksum
   * of the full name, so names stay distinct and the same on every start.
   */
  private static String constraint(String kind, String table, String column) {
    String full = kind + "_" + table + "_" + column;
    if (full.length() <= MAX_IDENTIFIER_LENGTH) {
      return full;
    }
    CRC32 checksum = new CRC32();
    checksum.update(full.getBytes(StandardCharsets.UTF_8));
    String suffix = "_" + Long.toHexString(checksum.getValue());
    return full.substring(0, MAX_IDENTIFIER_LENGTH - suffix.length()) + suffix;
  }
}
