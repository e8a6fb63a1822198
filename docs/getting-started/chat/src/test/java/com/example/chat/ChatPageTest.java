package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.live.auth.AuthContext;
import dev.live.test.LiveTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page of web/ (built into src/main/resources/web by `npm run build`) in headless Chromium:
 * what one user sends, another sees. Skipped without Chromium or the built page, except where
 * LIVE_CI is set (Live's CI), where either missing fails.
 */
class ChatPageTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path PAGE = Path.of("target/classes/web/index.html");

  @RegisterExtension
  static final LiveTest live = LiveTest.builder(AppSchema.INSTANCE)
      .server(server -> server.procedures(new ChatProcedures()).rules(ChatRules.RULES).site("web"))
      .build();

  private final List<WebDriver> windows = new ArrayList<>();
  private final List<Path> profiles = new ArrayList<>();

  @BeforeEach
  void startChromium() throws Exception {
    String missing = !Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)
        ? "Chromium and chromedriver in /usr/bin (apt-get install chromium chromium-driver)"
        : !Files.exists(PAGE) ? "the built page (cd web && npm install && npm run build, then mvn verify)" : null;
    if (missing != null) {
      assertNull(System.getenv("LIVE_CI"), "missing: " + missing);
      Assumptions.abort("missing: " + missing);
    }
  }

  @AfterEach
  void stopChromium() throws Exception {
    windows.forEach(WebDriver::quit); // each window's chromedriver stops with it
    for (Path profile : profiles) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }

  @Test
  void whatAdaSendsBobSees() throws Exception {
    WebDriver ada = open(AuthContext.of("ada"));
    WebDriver bob = open(AuthContext.of("bob"));

    ada.findElement(By.id("text")).sendKeys("hello from the page\n");

    new WebDriverWait(bob, Duration.ofSeconds(10)).until(
        ExpectedConditions.textToBe(By.cssSelector("#messages li"), "ada: hello from the page"));
  }

  private Path profile(Path folder) {
    profiles.add(folder);
    return folder;
  }

  /** A window signed in as {@code user}: the page sends ?user= as its token, which the kit maps to the user. */
  private WebDriver open(AuthContext user) throws Exception {
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        // Without the background-networking flags Chromium keeps calling out, and a closed network refuses it.
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile(Files.createTempDirectory("chat-chromium")));
    ChromeDriverService driver = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    WebDriver window = new ChromeDriver(driver, options);
    windows.add(window);
    window.get("http://127.0.0.1:" + live.server().port() + "/?user=" + live.token(user));
    return window;
  }
}
