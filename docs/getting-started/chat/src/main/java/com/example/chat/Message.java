package com.example.chat;

import dev.live.annotations.Collection;
import dev.live.annotations.Id;
import dev.live.annotations.Index;
import java.time.Instant;

@Collection("messages")
public record Message(@Id String id, @Index String room, String author, String text, Instant sentAt) {}
