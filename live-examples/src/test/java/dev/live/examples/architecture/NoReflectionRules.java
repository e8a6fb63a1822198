package dev.live.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.Set;

/**
 * What "zero reflection at run time" means for Live, as bytecode rules: no use of {@code
 * java.lang.reflect}, no reflective lookups through {@code Class}, no {@code Enum.valueOf}
 * (which looks constants up reflectively), no service-loader scanning, and no Jackson databind.
 */
final class NoReflectionRules {
  private static final Set<String> REFLECTIVE_CLASS_METHODS = Set.of("forName", "getDeclaredMethods",
      "getDeclaredMethod", "getMethods", "getMethod", "getDeclaredFields", "getDeclaredField", "getFields",
      "getField", "getDeclaredConstructors", "getDeclaredConstructor", "getConstructors", "getConstructor",
      "newInstance", "getAnnotation", "getAnnotations", "getDeclaredAnnotations", "getAnnotationsByType",
      "isAnnotationPresent", "getEnumConstants", "getRecordComponents", "getDeclaredClasses");

  private NoReflectionRules() {}

  static final ArchRule RULES = CompositeArchRule.of(
          noClasses().should().dependOnClassesThat().resideInAPackage("java.lang.reflect.."))
      .and(noClasses().should().callMethodWhere(reflectiveClassMethod()))
      .and(noClasses().should().callMethodWhere(enumValueOf()))
      .and(noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.util.ServiceLoader"))
      .and(noClasses().should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.databind.."))
      .because("Live promises zero reflection at run time, in the runtime and in generated code");

  private static DescribedPredicate<JavaCall<?>> reflectiveClassMethod() {
    return DescribedPredicate.describe("a reflective method of java.lang.Class",
        call -> call.getTargetOwner().isEquivalentTo(Class.class)
            && REFLECTIVE_CLASS_METHODS.contains(call.getName()));
  }

  private static DescribedPredicate<JavaCall<?>> enumValueOf() {
    return DescribedPredicate.describe("Enum.valueOf or an enum's valueOf(String)",
        call -> call.getName().equals("valueOf") && isEnum(call.getTargetOwner())
            && call.getTarget().getRawParameterTypes().stream().anyMatch(p -> p.isEquivalentTo(String.class))
            && !isCompilerGeneratedValueOf(call));
  }

  /** Every enum has a {@code valueOf} the compiler writes; only calling it is forbidden. */
  private static boolean isCompilerGeneratedValueOf(JavaCall<?> call) {
    return call.getOrigin().getName().equals("valueOf") && call.getOrigin().getOwner().isEnum();
  }

  private static boolean isEnum(JavaClass owner) {
    return owner.isEquivalentTo(Enum.class) || owner.isEnum();
  }
}
