package dev.live.test.chat;

public record Send(String room, String text) {}
