package dev.live.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.live.processor.Fixtures.compile;
import static dev.live.processor.Fixtures.declarations;
import static dev.live.processor.Fixtures.generatedSources;
import static dev.live.processor.Fixtures.library;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Same input, byte-identical output: builds are reproducible and caches stay valid. */
class DeterminismTest {
  @Test
  void compilingTheSameInputTwiceGeneratesIdenticalSources() {
    SortedMap<String, String> first = generatedSources(succeeded(compile(List.of(), library())));
    SortedMap<String, String> second = generatedSources(succeeded(compile(List.of(), library())));

    assertThat(first).isNotEmpty();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void orderOfTheSourceFilesDoesNotChangeTheGeneratedSources() {
    List<JavaFileObject> reversed = new ArrayList<>(library());
    Collections.reverse(reversed);

    SortedMap<String, String> inOrder = generatedSources(succeeded(compile(List.of(), library())));
    SortedMap<String, String> inReverse = generatedSources(succeeded(compile(List.of(), reversed)));

    assertThat(inReverse).isEqualTo(inOrder);
  }

  @Test
  void orderOfTheSourceFilesDoesNotChangeTheTypeScriptDeclarations() {
    List<JavaFileObject> reversed = new ArrayList<>(library());
    Collections.reverse(reversed);

    String inOrder = declarations(succeeded(compile(List.of(), library())), "com.example.library", "AppSchema.d.ts");
    String inReverse = declarations(succeeded(compile(List.of(), reversed)), "com.example.library", "AppSchema.d.ts");

    assertThat(inReverse).isEqualTo(inOrder);
  }

  private static Compilation succeeded(Compilation compilation) {
    assertThat(compilation).succeeded();
    return compilation;
  }
}
