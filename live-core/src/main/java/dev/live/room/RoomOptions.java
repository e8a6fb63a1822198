package dev.live.room;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the rooms a server holds, each with a documented default ({@code
 * docs/configuration.md}).
 *
 * @param maxMembersPerRoom members one room holds; a join beyond it is refused with {@code
 *     LIMIT_EXCEEDED} (1,000)
 * @param maxRoomsPerConnection rooms one connection is in at once (50)
 * @param maxStateBytes characters of a room's state as JSON; a write that would grow it beyond is
 *     refused with {@code LIMIT_EXCEEDED} (64 KiB)
 * @param presenceTimeout how long a room member's connection may stay silent (no message, no
 *     answer to the server's WebSocket ping) before it counts as gone: it is closed and leaves
 *     its rooms (30 s)
 */
public record RoomOptions(int maxMembersPerRoom, int maxRoomsPerConnection, int maxStateBytes,
    Duration presenceTimeout) {

  public RoomOptions {
    Objects.requireNonNull(presenceTimeout, "presenceTimeout");
    if (maxMembersPerRoom < 1 || maxRoomsPerConnection < 1 || maxStateBytes < 2) {
      throw new IllegalArgumentException("room limits are positive (a state is at least {})");
    }
    if (presenceTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("presenceTimeout is at least 1 s, not " + presenceTimeout);
    }
  }

  public static RoomOptions defaults() {
    return new RoomOptions(1_000, 50, 64 * 1024, Duration.ofSeconds(30));
  }

  public RoomOptions withMaxMembersPerRoom(int value) {
    return new RoomOptions(value, maxRoomsPerConnection, maxStateBytes, presenceTimeout);
  }

  public RoomOptions withMaxRoomsPerConnection(int value) {
    return new RoomOptions(maxMembersPerRoom, value, maxStateBytes, presenceTimeout);
  }

  public RoomOptions withMaxStateBytes(int value) {
    return new RoomOptions(maxMembersPerRoom, maxRoomsPerConnection, value, presenceTimeout);
  }

  public RoomOptions withPresenceTimeout(Duration value) {
    return new RoomOptions(maxMembersPerRoom, maxRoomsPerConnection, maxStateBytes, value);
  }
}
