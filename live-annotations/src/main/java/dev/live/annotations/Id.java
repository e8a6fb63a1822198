package dev.live.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the component of a {@link Collection} record that identifies a row (its primary key).
 * Its type is {@code String}, {@code UUID}, {@code int}/{@code Integer} or {@code
 * long}/{@code Long}; it is never null and never updatable.
 */
@Documented
@Target(ElementType.RECORD_COMPONENT)
@Retention(RetentionPolicy.CLASS)
public @interface Id {}
