package dev.live.test.chat;

import dev.live.annotations.Collection;
import dev.live.annotations.Id;
import dev.live.annotations.Index;

/** A chat message: what the kit's own tests serve. */
@Collection("messages")
public record Message(@Id String id, @Index String room, String author, String text) {}
