package dev.live.examples.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Checks the bytecode of the runtime, of the example application and of everything the
 * processor generated for it: none of it may use reflection.
 */
class NoReflectionTest {
  @Test
  void runtimeAndGeneratedCodeUseNoReflection() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.live");
    // The import must really hold the runtime and the generated code, or the rule checks nothing.
    assertThat(classes.contain("dev.live.query.QueryReader")).isTrue();
    assertThat(classes.contain("dev.live.storage.Transaction")).isTrue();
    assertThat(classes.contain("dev.live.storage.IncludeLoader")).isTrue();
    assertThat(classes.contain("dev.live.client.LiveClient")).isTrue();
    assertThat(classes.contain("dev.live.subscription.QueryResult")).isTrue();
    assertThat(classes.contain("dev.live.examples.board.TaskJson")).isTrue();
    assertThat(classes.contain("dev.live.examples.board.StatusJson")).isTrue();
    assertThat(classes.contain("dev.live.examples.board.TaskProceduresDispatcher")).isTrue();
    assertThat(classes.contain("dev.live.examples.board.AppSchema")).isTrue();
    NoReflectionRules.RULES.check(classes);
  }

  @Test
  void rulesCatchReflectiveCode() {
    JavaClasses fixture = new ClassFileImporter().importClasses(ReflectiveFixture.class, EnumLookupFixture.class);
    assertThatThrownBy(() -> NoReflectionRules.RULES.check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("java.lang.reflect")
        .hasMessageContaining("forName")
        .hasMessageContaining("getDeclaredFields")
        .hasMessageContaining("valueOf");
  }

  /** Does what Live must never do. */
  static final class ReflectiveFixture {
    Object load(String name) throws Exception {
      return Class.forName(name).getDeclaredFields().length;
    }

    Object invoke(java.lang.reflect.Method method) throws Exception {
      return method.invoke(null);
    }
  }

  /** Looks an enum constant up by name the reflective way. */
  static final class EnumLookupFixture {
    Thread.State state(String name) {
      return Thread.State.valueOf(name);
    }
  }
}
