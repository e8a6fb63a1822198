package dev.live.examples.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.json.ValueRanges;
import dev.live.query.And;
import dev.live.query.Condition;
import dev.live.query.Or;
import dev.live.query.Order;
import dev.live.query.QueryJson;
import dev.live.query.QuerySpec;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any query the typed builder can make decodes back to itself from its wire form. */
class QueryPropertiesTest {
  @Property(tries = 300)
  void anyTaskQueryRoundTrips(@ForAll("conditions") Condition<Task> where, @ForAll("orders") List<Order<Task>> orders,
      @ForAll("limits") int limit) {
    QuerySpec<Task> spec = TaskQuery.where(where).limit(limit)
        .include(Task_.assignee.include(User_.team), Task_.comments.where(Comment_.body.contains("a")).limit(limit))
        .spec().orderBy(orders);
    assertThat(QueryJson.decode(AppSchema.INSTANCE, QueryJson.encode(spec))).isEqualTo(spec);
  }

  @Provide
  Arbitrary<Integer> limits() {
    return Arbitraries.integers().between(1, 10_000);
  }

  @Provide
  Arbitrary<List<Order<Task>>> orders() {
    Arbitrary<Order<Task>> order = Arbitraries.of(Task_.due.asc(), Task_.due.desc().nullsLast(), Task_.title.asc(),
        Task_.position.desc(), Task_.estimate.asc().nullsFirst(), Task_.revision.desc());
    return order.list().ofMaxSize(4);
  }

  /** Conditions within the decoder's default depth limit (16), which its own test covers. */
  @Provide
  Arbitrary<Condition<Task>> conditions() {
    return anyConditions().filter(c -> depth(c) <= 12);
  }

  private static int depth(Condition<?> condition) {
    if (condition instanceof And<?> and) {
      return 1 + and.conditions().stream().mapToInt(QueryPropertiesTest::depth).max().orElse(0);
    }
    if (condition instanceof Or<?> or) {
      return 1 + or.conditions().stream().mapToInt(QueryPropertiesTest::depth).max().orElse(0);
    }
    if (condition instanceof dev.live.query.Not<?> not) {
      return 1 + depth(not.condition());
    }
    return 2;
  }

  private Arbitrary<Condition<Task>> anyConditions() {
    return Arbitraries.lazyOf(
        QueryPropertiesTest::leaf,
        QueryPropertiesTest::leaf,
        QueryPropertiesTest::leaf,
        () -> anyConditions().list().ofMinSize(1).ofMaxSize(3).map(QueryPropertiesTest::all),
        () -> anyConditions().list().ofMinSize(1).ofMaxSize(3).map(QueryPropertiesTest::any),
        () -> anyConditions().map(Condition::not),
        () -> users().map(Task_.assignee::is),
        () -> comments().map(Task_.comments::some),
        () -> comments().map(Task_.comments::every));
  }

  private static Condition<Task> all(List<Condition<Task>> conditions) {
    return new And<>(conditions);
  }

  private static Condition<Task> any(List<Condition<Task>> conditions) {
    return new Or<>(conditions);
  }

  private static Arbitrary<Condition<Task>> leaf() {
    // Any text storage can hold: decoding refuses U+0000 and unpaired surrogates (ValueRanges).
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(12).filter(s -> ValueRanges.textProblem(s) == null);
    Arbitrary<Instant> instants = Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L)
        .map(Instant::ofEpochSecond);
    return Arbitraries.oneOf(
        text.map(Task_.title::eq), text.map(Task_.title::startsWith), text.map(Task_.title::contains),
        text.map(Task_.assigneeId::ne), text.list().ofMaxSize(4).map(Task_.boardId::in),
        Arbitraries.of(Status.class).map(Task_.status::ne),
        Arbitraries.of(Status.class).list().ofMaxSize(3).map(Task_.status::in),
        instants.map(Task_.due::lt), instants.map(Task_.due::gte),
        Arbitraries.integers().map(Task_.position::gt), Arbitraries.doubles().map(Task_.estimate::lte),
        Arbitraries.longs().map(Task_.revision::eq),
        Arbitraries.of(Task_.due.isNull(), Task_.assigneeId.isNotNull(), Task_.checklist.isNull()));
  }

  private static Arbitrary<Condition<User>> users() {
    return Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(8), Arbitraries.of(Role.class))
        .as((name, role) -> User_.name.eq(name).or(User_.role.eq(role)));
  }

  private static Arbitrary<Condition<Comment>> comments() {
    return Arbitraries.strings().ofMaxLength(8).filter(s -> ValueRanges.textProblem(s) == null)
        .map(Comment_.body::contains);
  }
}
