package com.example.chat;

public record Send(String room, String text) {}
