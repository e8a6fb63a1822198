package dev.live.examples.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.query.Field;
import dev.live.query.Relation;
import dev.live.query.ToMany;
import dev.live.query.ToOne;
import dev.live.schema.CollectionSchema;
import dev.live.schema.FieldType;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {
  private final AppSchema schema = AppSchema.INSTANCE;

  @Test
  void registryListsCollectionsSortedByName() {
    assertThat(schema.collectionNames()).containsExactly("boards", "comments", "tasks", "teams", "users");
    assertThat(schema.collection("tasks")).containsSame(Task_.COLLECTION);
    assertThat(schema.collection("nope")).isEmpty();
  }

  @Test
  void collectionDescribesItsFieldsInComponentOrder() {
    CollectionSchema<Task> tasks = Task_.COLLECTION;
    assertThat(tasks.type()).isEqualTo(Task.class);
    assertThat(tasks.table()).isEqualTo("tasks");
    assertThat(tasks.id()).isSameAs(Task_.id);
    assertThat(tasks.fields()).extracting(Field::name).containsExactly("id", "boardId", "title", "status",
        "assigneeId", "due", "position", "estimate", "revision", "labels", "checklist");
    assertThat(tasks.fields()).extracting(Field::type).containsExactly(FieldType.STRING, FieldType.STRING,
        FieldType.STRING, FieldType.ENUM, FieldType.STRING, FieldType.INSTANT, FieldType.INT, FieldType.DOUBLE,
        FieldType.LONG, FieldType.JSON, FieldType.JSON);
    assertThat(Task_.assigneeId.column()).isEqualTo("assignee_id");
    assertThat(Task_.assigneeId.isNullable()).isTrue();
    assertThat(Task_.due.info().isIndexed()).isTrue();
    assertThat(Team_.name.info().isUnique()).isTrue();
    assertThat(Task_.title.get(Samples.task())).isEqualTo(Samples.task().title());
  }

  @Test
  void relationsConnectBothEnds() {
    assertThat(Task_.COLLECTION.relations()).extracting(Relation::name).containsExactly("board", "assignee", "comments");
    assertThat(Task_.assignee.source()).isSameAs(Task_.COLLECTION);
    assertThat(Task_.assignee.target()).isSameAs(User_.COLLECTION);
    assertThat(Task_.assignee.foreignKey()).isSameAs(Task_.assigneeId);
    assertThat(User_.assignedTasks.inverse()).isSameAs(Task_.assignee);
    // To-many relations are ordered by the referencing collection's name: boards, then users.
    assertThat(Team_.COLLECTION.relations()).extracting(Relation::name).containsExactly("boards", "members");
    assertThat(Comment_.author).isInstanceOf(ToOne.class);
    assertThat(User_.COLLECTION.relation("assignedTasks")).get().isInstanceOf(ToMany.class);
    assertThat(schema.relations()).hasSize(11);
  }

  @Test
  void proceduresAreListedAndBoundToTheirServiceByClassLiteral() {
    assertThat(schema.procedures()).extracting(p -> p.name())
        .containsExactly("archiveBoard", "complete", "countOpen", "demoUsers", "move", "myTasks", "openTasks",
            "overdue", "signIn", "taskWithComments");
    assertThat(schema.dispatcherFor(new TaskProcedures())).get().isInstanceOf(TaskProceduresDispatcher.class);
    assertThat(schema.dispatcherFor(new BoardQueries())).get().isInstanceOf(BoardQueriesDispatcher.class);
    assertThat(schema.dispatcherFor("not a service")).isEmpty();
  }
}
