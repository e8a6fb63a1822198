package dev.live.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as a collection: a table in storage and a source of live queries.
 *
 * <pre>{@code
 * @Collection("tasks")
 * public record Task(@Id String id, String title, boolean done) {}
 * }</pre>
 *
 * <p>The processor generates, in the record's package, {@code Task_} (metamodel), {@code
 * TaskQuery}, {@code TaskRow}, {@code TaskInsert}, {@code TaskUpdate}, {@code TaskJson} and
 * {@code TaskJdbc}. Exactly one component must carry {@link Id}.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.CLASS)
public @interface Collection {
  /**
   * The collection's name, used on the wire and as the table name: a letter followed by
   * letters, digits or underscores, at most 63 characters, unique within the application.
   */
  String value();
}
