package dev.live.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the modules apart as the README's module table says: generated code and the Java client
 * need live-core (and live-client) only, so neither may reach the server, its storage or a
 * driver. The Maven enforcer keeps those dependencies out of the two modules' poms; this checks
 * the bytecode, where an import of a class that happens to be on the build's classpath would
 * show. And no package is split between two modules, which the module path would refuse.
 */
class ModuleBoundariesTest {
  /** A module's classes, from its target/classes folder in the reactor or from its jar. */
  private static final Pattern MODULE = Pattern.compile("/(live-[a-z]+)(?:/target/classes/|-[^/]*\\.jar!/)");

  private static final String[] SERVER_SIDE = {
      "org.eclipse.jetty..", "org.h2..", "com.zaxxer..", "org.postgresql..",
      "dev.live.server..", "dev.live.engine..", "dev.live.storage.."};

  private static final JavaClasses LIVE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.live");

  @Test
  void coreAndClientReachNoServerCode() {
    assertThat(LIVE.contain("dev.live.query.ConditionMatcher")).isTrue();
    assertThat(LIVE.contain("dev.live.client.LiveClient")).isTrue();
    assertThat(LIVE.stream().filter(inModule("live-core", "live-client"))).hasSizeGreaterThan(150);
    serverFree(inModule("live-core", "live-client")).check(LIVE);
  }

  @Test
  void coreDoesNotReachTheClient() {
    noClasses().that(inModule("live-core")).should().dependOnClassesThat()
        .resideInAPackage("dev.live.client..").check(LIVE);
  }

  @Test
  void generatedCodeNeedsOnlyTheCore() {
    // What the processor wrote for the board app: it compiles against live-core alone.
    DescribedPredicate<JavaClass> generated = DescribedPredicate.describe("generated for the board app",
        c -> c.getPackageName().equals("dev.live.examples.board")
            && (c.getSimpleName().endsWith("Json") || c.getSimpleName().endsWith("Jdbc")
                || c.getSimpleName().endsWith("Dispatcher") || c.getSimpleName().endsWith("Client")
                || c.getSimpleName().equals("AppSchema")));
    assertThat(LIVE.stream().filter(generated)).hasSizeGreaterThan(10);
    noClasses().that(generated).should().dependOnClassesThat().resideInAnyPackage(SERVER_SIDE)
        .orShould().dependOnClassesThat().resideInAPackage("dev.live.client..").check(LIVE);
  }

  @Test
  void noPackageIsSplitBetweenModules() {
    Map<String, Set<String>> modulesByPackage = new TreeMap<>();
    LIVE.stream().forEach(c -> module(c).ifPresent(module ->
        modulesByPackage.computeIfAbsent(c.getPackageName(), p -> new TreeSet<>()).add(module)));
    assertThat(modulesByPackage).containsKeys("dev.live.query", "dev.live.client", "dev.live.server");
    assertThat(modulesByPackage).allSatisfy((pkg, modules) ->
        assertThat(modules).as("modules holding package " + pkg).hasSize(1));
  }

  @Test
  void theRuleCatchesServerCode() {
    JavaClasses fixture = new ClassFileImporter().importClasses(ReachesTheServer.class);
    DescribedPredicate<JavaClass> all = DescribedPredicate.describe("the fixture", c -> true);
    assertThatThrownBy(() -> serverFree(all).check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("dev.live.storage.Store");
  }

  private static ArchRule serverFree(DescribedPredicate<JavaClass> classes) {
    return noClasses().that(classes).should().dependOnClassesThat().resideInAnyPackage(SERVER_SIDE);
  }

  private static DescribedPredicate<JavaClass> inModule(String... modules) {
    Set<String> names = Set.of(modules);
    return DescribedPredicate.describe("in " + names,
        c -> module(c).filter(names::contains).isPresent());
  }

  private static Optional<String> module(JavaClass c) {
    return c.getSource().map(source -> MODULE.matcher(source.getUri().toString()))
        .filter(Matcher::find).map(m -> m.group(1));
  }

  /** What live-core or live-client must never do. */
  static final class ReachesTheServer {
    Object store(dev.live.storage.Store store) {
      return store.schema();
    }
  }
}
