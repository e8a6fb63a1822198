package dev.live.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record (or enum) that travels between clients and the server without being a
 * collection or a procedure's input or output: a room's events, state and presence metadata.
 * The processor checks its components like any value's and generates its JSON codec ({@code
 * TypingJson.CODEC}), so room payloads are decoded and validated without reflection.
 *
 * <pre>{@code
 * @LiveMessage
 * public record Typing(String userId, boolean typing) {}
 * }</pre>
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.CLASS)
public @interface LiveMessage {}
