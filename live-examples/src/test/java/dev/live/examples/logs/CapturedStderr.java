package dev.live.examples.logs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the server logs during each test, for tests about logging: slf4j-simple writes to {@code
 * System.err} as it is at each call, so this swaps it for a buffer before each test and back after,
 * printing what it caught so that it still shows in the test's output.
 *
 * <pre>{@code
 * @RegisterExtension final CapturedStderr log = new CapturedStderr();
 * ... assertThat(log.text()).doesNotContain("secret");
 * }</pre>
 */
public final class CapturedStderr implements BeforeEachCallback, AfterEachCallback {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream original;

  @Override
  public void beforeEach(ExtensionContext context) {
    captured.reset();
    original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setErr(original);
    original.print(text());
  }

  /** What was logged so far in this test. */
  public String text() {
    return captured.toString(StandardCharsets.UTF_8);
  }
}
