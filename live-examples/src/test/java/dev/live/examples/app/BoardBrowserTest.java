package dev.live.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.examples.board.TaskQuery;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import dev.live.examples.board.Task_;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The board's page in headless Chromium, against the app and the real browser client: two
 * windows, two users, each seeing the other's changes live; a refused write shown with its code
 * and rolled back in the page; sign-in by a new name. Skipped where Chromium is not installed,
 * except in CI.
 */
class BoardBrowserTest extends BoardAppTestBase {
  private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
  private static final String CARDS = "[...document.querySelectorAll('[data-testid=task-card]')]";

  private Chromium chromium;

  @BeforeEach
  void startChromium() throws Exception {
    if (!Chromium.installed()) {
      // CI installs them (.ci/run) and sets LIVE_CI: there a missing browser is a failure, not a skip.
      assertThat(System.getenv("LIVE_CI")).as("Chromium and chromedriver in /usr/bin (apt-get install chromium"
          + " chromium-driver)").isNull();
      Assumptions.abort("Chromium and chromedriver are not installed in /usr/bin");
    }
    chromium = Chromium.start();
  }

  /**
   * Keeps what every window showed at the end of the test, passed or failed, as the test's
   * artifact: {@code target/browser-screenshots/<test>-<window>.png}.
   */
  @AfterEach
  void stopChromium(TestInfo test) {
    if (chromium == null) {
      return;
    }
    try {
      List<Chromium.Window> windows = chromium.windows();
      for (int i = 0; i < windows.size(); i++) {
        String name = test.getTestMethod().map(Method::getName).orElse("test") + "-" + (i + 1) + ".png";
        try {
          windows.get(i).screenshot(SCREENSHOTS.resolve(name));
        } catch (RuntimeException e) {
          System.err.println("no screenshot " + name + ": " + e);
        }
      }
    } finally {
      chromium.close();
    }
  }

  @Test
  void twoWindowsSeeEachOthersChangesPresenceAndTyping() throws Exception {
    Chromium.Window ann = onLaunchBoard("Ann");
    Chromium.Window bob = onLaunchBoard("Bob");
    ann.await("Ann and Bob viewing", "return [...document.querySelectorAll('[data-testid=presence-member]')]"
        + ".map(e => e.dataset.name).join(',') === 'Ann,Bob'");

    bob.type("[data-testid=new-task-title]", "Added by Bob\n");
    ann.await("Bob's task", "return " + CARDS + ".some(e => e.dataset.taskTitle === 'Added by Bob'"
        + " && e.closest('[data-testid=column]').dataset.status === 'TODO')");

    ann.click("[data-task-id=task-2] [data-testid=move-right]");
    bob.await("task-2 moved to Doing", "return document.querySelector('[data-task-id=task-2]')"
        + "?.closest('[data-testid=column]').dataset.status === 'DOING'");

    bob.click("[data-task-id=task-1] [data-testid=open-comments]");
    bob.type("[data-testid=comment-input]", "On it");
    ann.await("Bob typing", "const line = document.querySelector('[data-testid=typing-indicator]');"
        + " return !line.hidden && line.textContent.startsWith('Bob is typing…')");
    bob.click("[data-testid=comment-submit]");
    ann.await("a third comment on task-1",
        "return document.querySelector('[data-task-id=task-1] [data-testid=task-comment-count]').textContent === '3'");
    ann.await("Bob no longer typing", "return document.querySelector('[data-testid=typing-indicator]').hidden");
  }

  @Test
  void aRefusedDeleteIsShownWithItsCodeAndTheCardComesBack() throws Exception {
    Chromium.Window bob = onLaunchBoard("Bob");
    bob.click("[data-task-id=task-5] [data-testid=delete]");
    String message = bob.await("the refusal", "const line = document.querySelector('[data-testid=error-message]');"
        + " return !line.hidden && line.textContent");
    assertThat(message).isEqualTo("FORBIDDEN: the delete rule of tasks does not allow this delete");
    bob.await("task-5 back, confirmed", "const card = document.querySelector('[data-task-id=task-5]');"
        + " return card && card.dataset.pending === 'false'");

    Chromium.Window ann = onLaunchBoard("Ann");
    ann.click("[data-task-id=task-5] [data-testid=delete]");
    bob.await("task-5 gone", "return !document.querySelector('[data-task-id=task-5]')");
    assertThat(app.server().data().find(TaskQuery.where(Task_.id.eq("task-5")).first())).isEmpty();
  }

  @Test
  void aNewNameSignsUpIntoThePickedTeamAndSeesOnlyItsBoards() throws Exception {
    Chromium.Window zoe = chromium.open();
    zoe.load(page());
    zoe.await("the sign-in form", "return document.querySelector('[data-testid=signin-team] option[value=Growth]')");
    zoe.type("[data-testid=signin-name]", "Zoe");
    zoe.run("document.querySelector('[data-testid=signin-team]').value = 'Growth'");
    zoe.click("[data-testid=signin-submit]");
    String boards = zoe.await("Zoe's boards", "return [...document.querySelectorAll('[data-testid=board-link]')]"
        + ".map(e => e.dataset.boardId).join(',')");
    assertThat(boards).isEqualTo("campaigns");
    zoe.click("[data-testid=sign-out]");
    zoe.await("the sign-in form again", "return document.querySelector('[data-testid=signin-form]')");
  }

  /** A window signed in as demo user {@code name}, on the board Launch with its cards shown. */
  private Chromium.Window onLaunchBoard(String name) throws Exception {
    Chromium.Window window = chromium.open();
    window.load(page());
    window.click("[data-testid=demo-user][data-name=" + name + "]");
    window.click("[data-testid=board-link][data-board-id=launch]");
    window.await("the cards of Launch", "return " + CARDS + ".length === 5"
        + " && document.querySelector('[data-testid=connection-state]').dataset.state === 'open'");
    return window;
  }

  private String page() {
    return "http://127.0.0.1:" + app.server().port() + "/";
  }
}
