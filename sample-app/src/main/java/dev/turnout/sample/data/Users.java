package dev.turnout.sample.data;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The users, by name.
 *
 * <pre>{@code
 * Users users = new Users(db);
 * Optional<User> ann = users.find("ann");
 * }</pre>
 */
public final class Users {

  private static final String COLUMNS = "SELECT id, name, email FROM users";

  private final Database db;

  /** The users stored in {@code db}. */
  public Users(Database db) {
    this.db = db;
  }

  /** The user with this name. */
  public Optional<User> find(String name) {
    return db.first(COLUMNS + " WHERE name = ?", Users::user, name);
  }

  /** Every user, by name. */
  public List<User> all() {
    return db.list(COLUMNS + " ORDER BY name", Users::user);
  }

  /**
   * Creates a user; the caller has checked the name and address.
   *
   * @return the new user, or empty when the name is taken
   */
  public synchronized Optional<User> create(String name, String email) {
    if (find(name).isPresent()) {
      return Optional.empty();
    }
    long id = db.insert("INSERT INTO users (name, email) VALUES (?, ?)", name, email);
    return Optional.of(new User(id, name, email));
  }

  private static User user(ResultSet row) throws SQLException {
    return new User(row.getLong("id"), row.getString("name"), row.getString("email"));
  }
}
