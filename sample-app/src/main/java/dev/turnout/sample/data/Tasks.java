package dev.turnout.sample.data;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The team's shared task list.
 *
 * <pre>{@code
 * Tasks tasks = new Tasks(db);
 * Task t = tasks.create("Write the release notes", ann);
 * tasks.complete(t.id());
 * }</pre>
 */
public final class Tasks {

  private static final String COLUMNS =
      "SELECT t.id, t.title, u.name AS created_by, t.done FROM tasks t JOIN users u ON u.id = t.created_by";

  private final Database db;

  /** The tasks stored in {@code db}. */
  public Tasks(Database db) {
    this.db = db;
  }

  /** Every task, open ones first, oldest first. */
  public List<Task> list() {
    return db.list(COLUMNS + " ORDER BY t.done, t.id", Tasks::task);
  }

  /** The task with this id. */
  public Optional<Task> find(long id) {
    return db.first(COLUMNS + " WHERE t.id = ?", Tasks::task, id);
  }

  /** Creates an open task. */
  public Task create(String title, User by) {
    long id = db.insert("INSERT INTO tasks (title, created_by) VALUES (?, ?)", title, by.id());
    return new Task(id, title, by.name(), false);
  }

  /** Marks the task done; false when there is no such task. */
  public boolean complete(long id) {
    return db.update("UPDATE tasks SET done = TRUE WHERE id = ?", id) == 1;
  }

  private static Task task(ResultSet row) throws SQLException {
    return new Task(row.getLong("id"), row.getString("title"), row.getString("created_by"), row.getBoolean("done"));
  }
}
