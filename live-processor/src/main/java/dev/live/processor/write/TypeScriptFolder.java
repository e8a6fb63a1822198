package dev.live.processor.write;

import dev.live.processor.Diagnostics;
import dev.live.processor.Message;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * The folder of option {@code live.typescript.dir}, where the TypeScript declarations go besides
 * the class output: a front end's sources, outside what the compiler's {@code Filer} manages. A
 * relative path is resolved against the compiler's working directory (processors are not told the
 * project's), so builds name an absolute one ({@code ${project.basedir}/web/src/live} in Maven).
 */
final class TypeScriptFolder {
  private final String option;
  private final Path folder;
  private final Diagnostics diagnostics;

  private TypeScriptFolder(String option, Path folder, Diagnostics diagnostics) {
    this.option = option;
    this.folder = folder;
    this.diagnostics = diagnostics;
  }

  /**
   * The folder, created when missing; empty, with an error reported, when it cannot be used.
   * Called before anything is generated, so that a bad folder fails the round before it writes.
   */
  static Optional<TypeScriptFolder> prepare(String option, String fileName, Diagnostics diagnostics) {
    Path folder;
    try {
      if (option.isBlank()) {
        throw new InvalidPathException(option, "the path is empty");
      }
      folder = Path.of(option).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      diagnostics.error(Message.TYPESCRIPT_DIR_UNWRITABLE, option, fileName, e.getMessage());
      return Optional.empty();
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      diagnostics.error(Message.TYPESCRIPT_DIR_UNWRITABLE, option, fileName, reason(folder, e));
      return Optional.empty();
    }
    if (!Files.isWritable(folder)) {
      diagnostics.error(Message.TYPESCRIPT_DIR_UNWRITABLE, option, fileName, folder + " is not writable");
      return Optional.empty();
    }
    return Optional.of(new TypeScriptFolder(option, folder, diagnostics));
  }

  /**
   * Writes {@code fileName} unless it already holds {@code text}: a dev server watching the folder
   * (Vite) reloads only on a real change. The text goes to a temporary file first and is moved into
   * place, so that such a watcher never reads half a file.
   */
  void write(String fileName, byte[] text) {
    Path target = folder.resolve(fileName);
    try {
      if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), text)) {
        return;
      }
      Path temporary = Files.createTempFile(folder, fileName, ".tmp");
      try {
        Files.write(temporary, text);
        try {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      diagnostics.error(Message.TYPESCRIPT_DIR_UNWRITABLE, option, fileName, reason(target, e));
    }
  }

  private static String reason(Path path, IOException e) {
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return path + " exists and is not a folder";
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
