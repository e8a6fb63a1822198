package dev.live.room;

import java.util.Optional;

/**
 * A member of a room as others see it: its member id (the client id of its connection), the
 * signed-in user behind it if any, and its presence metadata.
 */
public record RoomMember<P>(String memberId, Optional<String> userId, P presence) {}
