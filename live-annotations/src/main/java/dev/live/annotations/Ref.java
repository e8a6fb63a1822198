package dev.live.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component as a reference to a row of another collection (a foreign key). Its type
 * must be the type of the target's {@link Id}.
 *
 * <pre>{@code
 * @Collection("tasks")
 * public record Task(@Id String id,
 *                    @Ref(value = User.class, inverse = "tasks") @Nullable String assigneeId) {}
 * }</pre>
 *
 * <p>This declares a to-one relation {@code Task_.assignee} (the component's name without its
 * {@code Id} suffix, or {@link #name()}) and, with {@link #inverse()}, a to-many relation
 * {@code User_.tasks} on the target. Both can be used in {@code where} and in {@code include}.
 */
@Documented
@Target(ElementType.RECORD_COMPONENT)
@Retention(RetentionPolicy.CLASS)
public @interface Ref {
  /** The target record; it must be annotated with {@link Collection}. */
  Class<? extends Record> value();

  /**
   * The name of the to-one relation. Defaults to the component's name without a trailing
   * {@code Id} ({@code assigneeId} → {@code assignee}); required when the name has no such
   * suffix.
   */
  String name() default "";

  /**
   * The name of the to-many relation declared on the target, or empty for none. It must not
   * clash with a field or another relation of the target.
   */
  String inverse() default "";
}
