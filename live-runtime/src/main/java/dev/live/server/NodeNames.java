package dev.live.server;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Default node ids: the host's name, so an operator recognises the node, and a random part, so two nodes of one host differ. */
final class NodeNames {
  private static final SecureRandom RANDOM = new SecureRandom();

  private NodeNames() {}

  static String generated() {
    byte[] random = new byte[3];
    RANDOM.nextBytes(random);
    return host() + "-" + HexFormat.of().formatHex(random);
  }

  private static String host() {
    String name;
    try {
      name = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | SecurityException e) {
      name = "node"; // a host without a resolvable name still gets a readable id
    }
    String cleaned = name.replaceAll("[^A-Za-z0-9._:-]", "-");
    cleaned = cleaned.length() > 50 ? cleaned.substring(0, 50) : cleaned;
    return cleaned.isEmpty() ? "node" : cleaned;
  }
}
