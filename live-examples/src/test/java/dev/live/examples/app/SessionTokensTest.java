package dev.live.examples.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.examples.board.SessionTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in tokens: {@code userId.<HMAC-SHA256>}, verified only unchanged and under their own secret. */
class SessionTokensTest {
  private final SessionTokens tokens = SessionTokens.random();

  @TempDir
  Path dir;

  @Test
  void anIssuedTokenVerifiesToItsUser() {
    String token = tokens.issue("u-ann");
    assertThat(token).startsWith("u-ann.").doesNotContain("=", "+", "/");
    assertThat(tokens.verify(token)).contains("u-ann");
  }

  @Test
  void aTamperedTokenDoesNotVerify() {
    String ann = tokens.issue("u-ann");
    String signature = ann.substring(ann.indexOf('.') + 1);
    char last = signature.charAt(signature.length() - 1);
    assertThat(tokens.verify(ann.substring(0, ann.length() - 1) + (last == 'A' ? 'B' : 'A'))).as("signature changed").isEmpty();
    assertThat(tokens.verify("u-dan." + signature)).as("another user with Ann's signature").isEmpty();
    assertThat(tokens.verify(ann + "x")).as("longer").isEmpty();
    assertThat(tokens.verify("u-ann.")).as("no signature").isEmpty();
    assertThat(tokens.verify("u-ann")).as("no dot").isEmpty();
    assertThat(tokens.verify("." + signature)).as("no user").isEmpty();
    assertThat(tokens.verify("")).isEmpty();
    assertThat(SessionTokens.random().verify(ann)).as("under another secret").isEmpty();
  }

  @Test
  void theSecretFileIsMadeOnceOwnerOnlyAndKeepsTokensValid() throws Exception {
    Path file = dir.resolve("data").resolve("board-app.secret");
    String token = SessionTokens.fromFile(file).issue("u-ann");
    assertThat(file).exists();
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
    String secret = Files.readString(file);
    assertThat(SessionTokens.fromFile(file).verify(token)).as("after a restart").contains("u-ann");
    assertThat(Files.readString(file)).as("not made again").isEqualTo(secret);
  }

  @Test
  void aDamagedSecretFileIsRefusedSayingHowToRecover() throws Exception {
    Path file = dir.resolve("board-app.secret");
    Files.writeString(file, "c2hvcnQ=");
    assertThatThrownBy(() -> SessionTokens.fromFile(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the token secret " + file + " is damaged (it holds 5 bytes, not 32); delete it to make a new"
            + " one, which signs every user out");
    Files.writeString(file, "not base64!");
    assertThatThrownBy(() -> SessionTokens.fromFile(file)).hasMessageContaining("it is not base64");
  }

  @Test
  void aShortSecretIsRefused() {
    assertThatThrownBy(() -> new SessionTokens(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a token secret has at least 32 bytes, not 16");
  }
}
