package dev.live.examples.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by Selenium through Debian's chromedriver (named by path,
 * so that Selenium never downloads a browser or a driver): windows that load a page, run scripts
 * in it, wait for what it shows, and take screenshots. Each window is a browser of its own, with
 * a fresh profile, so each keeps its own sign-in.
 */
final class Chromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriverService service;
  private final List<Window> windows = new ArrayList<>();
  private final List<Path> profiles = new ArrayList<>();

  private Chromium(ChromeDriverService service) {
    this.service = service;
  }

  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Starts chromedriver on a free port. */
  static Chromium start() throws IOException {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    service.start();
    return new Chromium(service);
  }

  /** A new browser window (its own profile, so its own sessionStorage and localStorage). */
  Window open() throws IOException {
    Path profile = Files.createTempDirectory("chromium-profile");
    profiles.add(profile);
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toFile())
        // Without the background-networking flags Chromium keeps calling out, and this
        // machine's closed network refuses it.
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--window-size=1280,900", "--user-data-dir=" + profile);
    Window window = new Window(new ChromeDriver(service, options));
    windows.add(window);
    return window;
  }

  List<Window> windows() {
    return List.copyOf(windows);
  }

  @Override
  public void close() {
    for (Window window : windows) {
      try {
        window.driver.quit();
      } catch (RuntimeException e) {
        // the browser is going anyway
      }
    }
    service.stop();
    for (Path profile : profiles) {
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // a temporary profile left behind is harmless
    }
  }

  /** One browser window. */
  static final class Window {
    private final ChromeDriver driver;

    private Window(ChromeDriver driver) {
      this.driver = driver;
    }

    void load(String url) {
      driver.get(url);
    }

    /** Runs {@code script} (a function body: {@code return ...}) in the page with {@code args}. */
    Object run(String script, Object... args) {
      return driver.executeScript(script, args);
    }

    /** Waits until {@code script} returns something truthy, and returns it as text. */
    String await(String what, String script, Object... args) {
      try {
        Object value = new WebDriverWait(driver, BoardAppTestBase.WAIT, Duration.ofMillis(100))
            .until(page -> truthy(run(script, args)));
        return String.valueOf(value);
      } catch (TimeoutException e) {
        throw new AssertionError("the page did not show " + what + " within " + BoardAppTestBase.WAIT
            + "; it shows: " + run("return document.body.innerText"), e);
      }
    }

    private static Object truthy(Object value) {
      if (value == null || Boolean.FALSE.equals(value) || "".equals(value)) {
        return null; // WebDriverWait polls again
      }
      return value;
    }

    void click(String selector) {
      await("an element " + selector, "const e = document.querySelector(arguments[0]); return e && !e.disabled", selector);
      run("document.querySelector(arguments[0]).click()", selector);
    }

    /** Types {@code text} into the element, as keystrokes ("\n" is Enter). */
    void type(String selector, String text) {
      driver.findElement(By.cssSelector(selector)).sendKeys(text);
    }

    /** Saves what the window shows as a PNG. */
    void screenshot(Path file) {
      try {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
