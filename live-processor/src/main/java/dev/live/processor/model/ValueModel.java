package dev.live.processor.model;

/** A procedure's input or output: its type, nullability, and the type as written (for messages). */
public record ValueModel(TypeModel type, boolean nullable, String display) {}
