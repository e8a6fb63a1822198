package dev.live.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The nodes a client may connect to, which one its next attempt goes to, and how long it waits
 * first ({@code docs/client.md}, "Several nodes"). Used on the client's loop thread only.
 *
 * <p>The list is shuffled once (unless {@link ClientOptions#shuffleNodes()} is off), so that the
 * clients of an application spread over the nodes, and the clients of a node that fails spread
 * over the others: each moves on to the node after it in an order of its own. The client stays on
 * the node it reached while that one serves it; when an attempt fails or the connection ends, the
 * next attempt goes to the next node, round the list.
 *
 * <p>Waits grow by whole rounds: every attempt of a round waits the same backoff step, and only a
 * round in which every node failed moves the backoff on a step. A node that just failed is so
 * left at once for a healthy one, while a client whose network is down does not try faster than
 * with one node. With one node a round is one attempt: the backoff of a client with one URL.
 */
final class NodeList {
  private final List<URI> order;
  private final Backoff backoff;
  private int index;
  /** Failed attempts since the last welcome. */
  private int failures;

  NodeList(List<URI> nodes, boolean shuffle, Backoff backoff, Random random) {
    List<URI> order = new ArrayList<>(nodes);
    if (shuffle) {
      Collections.shuffle(order, random);
    }
    this.order = List.copyOf(order);
    this.backoff = backoff;
  }

  /** The node the next (or the current) attempt goes to. */
  URI current() {
    return order.get(index);
  }

  /** How many nodes there are. */
  int size() {
    return order.size();
  }

  /**
   * The attempt on {@link #current()} failed, or its connection ended: the next attempt goes to the
   * next node. Returns how long to wait before it.
   */
  long failed() {
    if (failures < Integer.MAX_VALUE) {
      failures++;
    }
    index = (index + 1) % order.size();
    return backoff.delayMillis((failures - 1) / order.size());
  }

  /** {@link #current()} said welcome: the next failure starts a new round at the first step. */
  void connected() {
    failures = 0;
  }

  /** Checks a list of node URLs: at least one, each a {@code ws:} or {@code wss:} URL with a host, none twice. */
  static List<URI> checked(List<URI> nodes) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("the node list is empty: name at least one server (ws://host:port/live)");
    }
    List<URI> seen = new ArrayList<>(nodes.size());
    for (URI node : nodes) {
      if (node == null) {
        throw new NullPointerException("the node list holds a null at position " + seen.size());
      }
      String scheme = node.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss")) || node.getHost() == null) {
        throw new IllegalArgumentException("a node is a ws: or wss: URL with a host, such as ws://localhost:8080/live,"
            + " not " + node);
      }
      if (seen.contains(node)) {
        throw new IllegalArgumentException("the node list names " + node + " twice");
      }
      seen.add(node);
    }
    return List.copyOf(seen);
  }
}
