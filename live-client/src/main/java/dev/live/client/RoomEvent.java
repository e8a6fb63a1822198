package dev.live.client;

import java.util.Optional;

/** An event received in a room: its payload and the member that sent it (empty when the server did). */
public record RoomEvent<E>(String room, Optional<String> from, E data) {}
