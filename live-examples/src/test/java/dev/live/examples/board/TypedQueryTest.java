package dev.live.examples.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.query.And;
import dev.live.query.Cardinality;
import dev.live.query.Comparison;
import dev.live.query.Condition;
import dev.live.query.In;
import dev.live.query.Include;
import dev.live.query.IncludedValues;
import dev.live.query.Or;
import dev.live.query.Order;
import dev.live.query.RowShape;
import dev.live.query.SingleQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypedQueryTest {
  @Test
  void whereAndOrBuildConditionsFlattenedOneLevelDeep() {
    TaskQuery<Task> query = TaskQuery.where(Task_.title.eq("a")).and(Task_.position.gt(1)).and(Task_.estimate.lt(3.0));
    assertThat(((And<Task>) query.spec().where().orElseThrow()).conditions()).hasSize(3);
    Condition<Task> either = Task_.title.eq("a").or(Task_.title.eq("b")).or(Task_.title.eq("c"));
    assertThat(((Or<Task>) either).conditions()).hasSize(3);
  }

  @Test
  void orNeedsAnEarlierCondition() {
    assertThatThrownBy(() -> TaskQuery.all().or(Task_.title.eq("a")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("start with where(...)");
  }

  @Test
  void orderByAppendsKeysWithNullsLargestByDefault() {
    TaskQuery<Task> query = TaskQuery.all().orderBy(Task_.due.asc()).orderBy(Task_.position.desc(), Task_.title.asc().nullsFirst());
    assertThat(query.spec().orderBy()).containsExactly(
        new Order<>(Task_.due, Order.Direction.ASC, Order.Nulls.LAST),
        new Order<>(Task_.position, Order.Direction.DESC, Order.Nulls.FIRST),
        new Order<>(Task_.title, Order.Direction.ASC, Order.Nulls.FIRST));
  }

  @Test
  void includeTypesResultsAsRowsAndAReIncludeReplacesTheEarlierOne() {
    TaskQuery<TaskRow> query = TaskQuery.all().include(Task_.assignee).include(Task_.comments.limit(3))
        .include(Task_.comments.limit(5));
    assertThat(query.spec().includes()).hasSize(2);
    assertThat(query.spec().includes().get(1).limit()).hasValue(5);
    TaskRow row = query.shape().build(Samples.task(), IncludedValues.none());
    assertThat(row.value()).isEqualTo(Samples.task());
  }

  @Test
  void plainQueriesReturnTheRecordItself() {
    RowShape<Task, Task> shape = TaskQuery.all().shape();
    Task task = Samples.task();
    assertThat(shape.build(task, IncludedValues.none())).isSameAs(task);
  }

  @Test
  void firstAndOneAreSingleRowQueriesWithoutALimit() {
    SingleQuery<Task, Task> first = TaskQuery.all().limit(10).orderBy(Task_.due.asc()).first();
    assertThat(first.spec().cardinality()).isEqualTo(Cardinality.FIRST);
    assertThat(first.spec().limit()).isEmpty();
    SingleQuery<Task, TaskRow> one = TaskQuery.all().include(Task_.board).one("t1");
    assertThat(one.spec().cardinality()).isEqualTo(Cardinality.ONE);
    assertThat(one.spec().id()).contains("t1");
  }

  @Test
  void equalQueriesAreEqual() {
    assertThat(TaskQuery.where(Task_.title.eq("a")).limit(2)).isEqualTo(TaskQuery.where(Task_.title.eq("a")).limit(2))
        .hasSameHashCodeAs(TaskQuery.where(Task_.title.eq("a")).limit(2));
    assertThat(TaskQuery.all()).isNotEqualTo(TaskQuery.all().include(Task_.board));
  }

  @Test
  void badArgumentsAreRefusedWithAMessageSayingWhatIsAllowed() {
    assertThatThrownBy(() -> TaskQuery.all().limit(0)).hasMessage("limit must be at least 1, not 0");
    assertThatThrownBy(() -> Task_.title.eq(null)).hasMessageContaining("use isNull() or isNotNull()");
    assertThatThrownBy(() -> Task_.status.in(Status.TODO, null)).hasMessageContaining("must not be null");
    assertThatThrownBy(() -> Task_.comments.limit(0)).hasMessageContaining("must be at least 1");
    assertThatThrownBy(() -> TaskQuery.all().spec().one(42)).hasMessage("the id of tasks is a STRING, not a Integer");
  }

  @Test
  void inCopiesItsValues() {
    List<Status> statuses = new java.util.ArrayList<>(List.of(Status.TODO));
    Condition<Task> condition = Task_.status.in(statuses);
    statuses.add(Status.DONE);
    assertThat(((In<?, ?>) condition).values()).isEqualTo(List.of(Status.TODO));
  }

  @Test
  void relationConditionsAndIncludesAreTyped() {
    Condition<User> busy = User_.assignedTasks.some(Task_.status.ne(Status.DONE));
    Include<User, Task> open = User_.assignedTasks.where(Task_.status.ne(Status.DONE)).orderBy(Task_.due.asc())
        .limit(5).include(Task_.board, Task_.comments.orderBy(Comment_.createdAt.desc()));
    UserQuery<UserRow> query = UserQuery.where(busy).include(open, User_.team.include(Team_.boards));
    assertThat(query.spec().includes()).extracting(i -> i.relation().name()).containsExactly("assignedTasks", "team");
  }

  @Test
  void toOneIncludeTakesNoOrderByOrLimit() {
    assertThatThrownBy(() -> new Include<>(Task_.assignee, Optional.empty(), List.of(User_.name.asc()),
        java.util.OptionalInt.empty(), List.of()))
        .hasMessageContaining("takes no orderBy or limit");
    assertThatThrownBy(() -> new Include<>(Task_.assignee, Optional.empty(), List.of(),
        java.util.OptionalInt.of(1), List.of()))
        .hasMessageContaining("takes no orderBy or limit");
  }

  @Test
  void toOneIncludeMayKeepItsTargetOnlyWhenItMatches() {
    Include<Task, User> admins = Task_.assignee.where(User_.role.eq(Role.ADMIN));
    assertThat(admins.where()).contains(User_.role.eq(Role.ADMIN));
  }

  @Test
  void comparisonsKeepTheirTypedValue() {
    Instant now = Instant.now();
    Condition<Task> due = Task_.due.lte(now);
    assertThat(due).isEqualTo(new Comparison<>(Task_.due, Comparison.Operator.LTE, now));
  }
}
