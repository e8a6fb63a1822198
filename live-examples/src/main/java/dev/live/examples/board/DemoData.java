package dev.live.examples.board;

import dev.live.procedure.DataAccess;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The app's demo data, written once, into an empty database: two teams with an admin and a
 * member or two each, three boards, a dozen tasks with assignees, statuses and due dates around
 * today, and a few comments. Due dates are relative to the first start, so the board looks
 * current then and ages like a real one after.
 */
public final class DemoData {
  /** The demo accounts, which the sign-in page offers. */
  public static final List<String> USER_IDS = List.of("u-ann", "u-bob", "u-cat", "u-dan", "u-eve");

  private DemoData() {}

  /** Seeds the demo data when there is no team yet; whether it did. */
  public static boolean seedIfEmpty(DataAccess data) {
    return data.transaction(tx -> {
      if (!tx.list(TeamQuery.all().limit(1)).isEmpty()) {
        return false;
      }
      seed(tx, Instant.now().truncatedTo(ChronoUnit.SECONDS));
      return true;
    });
  }

  /** The demo accounts that exist, by team then name. */
  public static List<DemoUser> users(DataAccess data) {
    return data.list(UserQuery.where(User_.id.in(USER_IDS))
            .orderBy(User_.teamId.asc(), User_.name.asc())
            .include(User_.team)).stream()
        .map(row -> new DemoUser(row.value().name(), row.team().orElseThrow().value().name(), row.value().role()))
        .toList();
  }

  private static void seed(DataAccess data, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    data.insertAll(List.of(
        TeamInsert.of(new Team("team-core", "Core", now)),
        TeamInsert.of(new Team("team-growth", "Growth", now.plusSeconds(1)))));
    data.insertAll(List.of(
        UserInsert.of(new User("u-ann", "Ann", "ann@example.com", "team-core", Role.ADMIN)),
        UserInsert.of(new User("u-bob", "Bob", "bob@example.com", "team-core", Role.MEMBER)),
        UserInsert.of(new User("u-cat", "Cat", null, "team-core", Role.MEMBER)),
        UserInsert.of(new User("u-dan", "Dan", "dan@example.com", "team-growth", Role.ADMIN)),
        UserInsert.of(new User("u-eve", "Eve", null, "team-growth", Role.MEMBER))));
    data.insertAll(List.of(
        BoardInsert.of(new Board("launch", "Launch", "team-core", today.plusDays(21), new BigDecimal("5000"), now)),
        BoardInsert.of(new Board("website", "Website", "team-core", null, null, now)),
        BoardInsert.of(new Board("campaigns", "Campaigns", "team-growth", today.plusDays(45),
            new BigDecimal("12000"), now))));
    data.insertAll(List.of(
        task("task-1", "launch", "Write the launch post", Status.DOING, "u-ann", days(now, 3), 1, "writing"),
        task("task-2", "launch", "Fix the signup form", Status.TODO, "u-bob", days(now, -1), 2, "bug"),
        task("task-3", "launch", "Book the venue", Status.DONE, "u-cat", days(now, -4), 3, "ops"),
        task("task-4", "launch", "Record the demo video", Status.TODO, null, days(now, 7), 4, "video"),
        task("task-5", "launch", "Prepare the press kit", Status.TODO, "u-cat", null, 5, "writing"),
        task("task-6", "website", "New pricing page", Status.DOING, "u-bob", days(now, 5), 1, "design"),
        task("task-7", "website", "Compress the hero images", Status.TODO, null, null, 2, "perf"),
        task("task-8", "website", "Cookie banner copy", Status.DONE, "u-ann", days(now, -2), 3, "legal"),
        task("task-9", "campaigns", "Plan the spring newsletter", Status.TODO, "u-eve", days(now, 10), 1, "email"),
        task("task-10", "campaigns", "Partner webinar", Status.DOING, "u-dan", days(now, 2), 2, "events"),
        task("task-11", "campaigns", "Ad budget review", Status.TODO, "u-dan", days(now, -3), 3, "budget"),
        task("task-12", "campaigns", "Customer story: Acme", Status.DONE, "u-eve", days(now, -6), 4, "writing")));
    data.insertAll(List.of(
        comment(1, "task-1", "u-bob", "First draft is up in the shared folder.", now.minus(2, ChronoUnit.HOURS)),
        comment(2, "task-1", "u-ann", "Thanks! I'll tighten the intro.", now.minus(1, ChronoUnit.HOURS)),
        comment(3, "task-2", "u-cat", "Happens only on Safari, it seems.", now.minus(3, ChronoUnit.HOURS)),
        comment(4, "task-10", "u-eve", "Two partners confirmed so far.", now.minus(30, ChronoUnit.MINUTES)),
        comment(5, "task-11", "u-dan", "Numbers for March are in.", now.minus(5, ChronoUnit.HOURS))));
  }

  private static TaskInsert task(String id, String boardId, String title, Status status, String assigneeId,
      Instant due, int position, String label) {
    return TaskInsert.of(new Task(id, boardId, title, status, assigneeId, due, position, 1.0, 1, List.of(label), null));
  }

  private static Instant days(Instant now, int days) {
    return now.plus(days, ChronoUnit.DAYS);
  }

  private static CommentInsert comment(int n, String taskId, String authorId, String body, Instant at) {
    return CommentInsert.of(new Comment(new UUID(0xDE30, n), taskId, authorId, body, at));
  }
}
