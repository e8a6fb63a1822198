package dev.live.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @Ref} as written: the target record, the to-one relation's name, and the inverse
 * to-many name if any.
 */
public record RefModel(ClassName target, TypeElement targetElement, String relationName, Optional<String> inverse) {}
