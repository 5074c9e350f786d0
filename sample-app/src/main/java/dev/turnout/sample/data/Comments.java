package dev.turnout.sample.data;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Comments on tasks. The table exists from the first start; whether anyone can reach it is the
 * comments flag's business, not the store's.
 *
 * <pre>{@code
 * Comments comments = new Comments(db);
 * comments.create(task.id(), bob, "Done by Friday?");
 * List<Comment> thread = comments.list(task.id());
 * }</pre>
 */
public final class Comments {

  private static final String COLUMNS =
      "SELECT c.id, c.task_id, u.name AS author, c.body FROM comments c JOIN users u ON u.id = c.author_id";

  private final Database db;

  /** The comments stored in {@code db}. */
  public Comments(Database db) {
    this.db = db;
  }

  /** The comments on a task, oldest first. */
  public List<Comment> list(long taskId) {
    return db.list(COLUMNS + " WHERE c.task_id = ? ORDER BY c.id", Comments::comment, taskId);
  }

  /** The comment with this id on this task. */
  public Optional<Comment> find(long taskId, long id) {
    return db.first(COLUMNS + " WHERE c.task_id = ? AND c.id = ?", Comments::comment, taskId, id);
  }

  /** How many comments the task has. */
  public int count(long taskId) {
    return db.first("SELECT COUNT(*) FROM comments WHERE task_id = ?", row -> row.getInt(1), taskId).orElse(0);
  }

  /** Adds a comment to a task that exists. */
  public Comment create(long taskId, User author, String body) {
    long id = db.insert("INSERT INTO comments (task_id, author_id, body) VALUES (?, ?, ?)", taskId, author.id(), body);
    return new Comment(id, taskId, author.name(), body);
  }

  /** Deletes the comment; false when there was none. */
  public boolean delete(long taskId, long id) {
    return db.update("DELETE FROM comments WHERE task_id = ? AND id = ?", taskId, id) == 1;
  }

  private static Comment comment(ResultSet row) throws SQLException {
    return new Comment(row.getLong("id"), row.getLong("task_id"), row.getString("author"), row.getString("body"));
  }
}
