package dev.live.processor.model;

/** One component of a record that is encoded as JSON: its name, type and nullability. */
public record ComponentModel(String name, TypeModel type, boolean nullable) {}
