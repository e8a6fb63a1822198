package dev.live.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/getting-started.md shows the files of the project CI builds (docs/getting-started/chat):
 * each block marked {@code <!-- file: path -->} must be that file as it is, and every source the
 * app is made of must be shown, so the guide a reader types is the project that passes.
 */
class GettingStartedGuideTest {
  private static final Path DOCS = Path.of("..", "docs");
  private static final Path PROJECT = DOCS.resolve("getting-started/chat");
  private static final Pattern SHOWN = Pattern.compile("<!-- file: (\\S+) -->\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);

  @Test
  void everyBlockIsTheProjectsFile() {
    Map<String, String> shown = shownFiles();
    assertThat(shown).isNotEmpty();
    assertThat(shown).allSatisfy((path, text) ->
        assertThat(text).as("the guide's copy of " + path).isEqualTo(read(PROJECT.resolve(path)).stripTrailing()));
  }

  @Test
  void theGuideShowsEverySourceOfTheApp() throws IOException {
    List<String> sources;
    try (Stream<Path> files = Stream.concat(Files.walk(PROJECT.resolve("src/main/java")), Files.list(PROJECT.resolve("web")))) {
      sources = files.filter(Files::isRegularFile).map(file -> PROJECT.relativize(file).toString().replace('\\', '/'))
          .filter(path -> path.endsWith(".java") || path.startsWith("web/") && !path.endsWith("package-lock.json"))
          .toList();
    }
    assertThat(sources).contains("src/main/java/com/example/chat/ChatServer.java", "web/main.js");
    assertThat(shownFiles().keySet()).containsAll(sources)
        .contains("pom.xml", "build.gradle.kts", "src/test/java/com/example/chat/ChatTest.java");
  }

  private static Map<String, String> shownFiles() {
    Matcher blocks = SHOWN.matcher(read(DOCS.resolve("getting-started.md")));
    Map<String, String> shown = new LinkedHashMap<>();
    while (blocks.find()) {
      shown.put(blocks.group(1), blocks.group(2));
    }
    return shown;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
