package dev.turnout.sample.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

  @TempDir
  Path dir;

  @Test
  void createsTheDirectoryAndEveryTableIncludingComments() {
    try (Database db = Database.open(dir.resolve("new/data"))) {
      assertThat(db.directory()).isDirectory();
      assertThat(db.list("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY 1",
          row -> row.getString(1))).containsExactly("COMMENTS", "TASKS", "USERS");
    }
  }

  @Test
  void storesUsersTasksAndCommentsAcrossRestarts() {
    long taskId;
    try (Database db = Database.open(dir)) {
      Users users = new Users(db);
      Tasks tasks = new Tasks(db);
      DemoData.seedIfEmpty(users, tasks);
      DemoData.seedIfEmpty(users, tasks);
      assertThat(users.all()).extracting(User::name).containsExactly("ann", "bob", "cho", "dee");
      assertThat(users.create("ann", "other@example.com")).as("names are unique").isEmpty();
      User ann = users.find("ann").orElseThrow();
      taskId = tasks.create("Water the plants", ann).id();
      assertThat(tasks.complete(taskId)).isTrue();
      assertThat(tasks.complete(9999)).isFalse();
      new Comments(db).create(taskId, ann, "Done on Monday");
    }
    try (Database db = Database.open(dir)) {
      Tasks tasks = new Tasks(db);
      assertThat(tasks.list()).hasSize(4);
      assertThat(tasks.list().get(3)).as("done tasks last").isEqualTo(new Task(taskId, "Water the plants", "ann", true));
      Comments comments = new Comments(db);
      assertThat(comments.count(taskId)).isEqualTo(1);
      Comment c = comments.list(taskId).get(0);
      assertThat(c.author()).isEqualTo("ann");
      assertThat(comments.find(taskId + 1, c.id())).as("on another task").isEmpty();
      assertThat(comments.delete(taskId, c.id())).isTrue();
      assertThat(comments.delete(taskId, c.id())).isFalse();
      assertThat(comments.count(taskId)).isZero();
    }
  }

  @Test
  void validatesNamesAndAddresses() {
    assertThat(User.isValidName("ann.b-c_1")).isTrue();
    assertThat(User.isValidName("Ann")).isFalse();
    assertThat(User.isValidName("")).isFalse();
    assertThat(User.isValidName("x".repeat(41))).isFalse();
    assertThat(User.isValidEmail("a@b")).isTrue();
    assertThat(User.isValidEmail("a@@b")).isFalse();
    assertThat(User.isValidEmail("a b@c")).isFalse();
  }
}
