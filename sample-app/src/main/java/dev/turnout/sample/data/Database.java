package dev.turnout.sample.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The application's embedded H2 database, a file database in a directory of its own. Opening it
 * creates the directory, the database and every table on first start, the comments table included
 * even while comments are switched off.
 *
 * <pre>{@code
 * try (Database db = Database.open(Path.of("target/data"))) {
 *   Users users = new Users(db);
 *   users.create("ann", "ann@example.com");
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {

  private static final String SCHEMA = "schema.sql";

  private final JdbcConnectionPool pool;
  private final Path directory;

  private Database(JdbcConnectionPool pool, Path directory) {
    this.pool = pool;
    this.directory = directory;
  }

  /**
   * Opens (and on first start creates) the database in {@code directory}, with its schema.
   *
   * @throws DataDirectoryInUseException when another process has the database open
   */
  public static Database open(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir, e);
    }
    Database db = new Database(JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("tasks"), "sa", ""), dir);
    try {
      db.createSchema();
    } catch (DataException e) {
      db.close();
      if (lockedByAnother(e)) {
        throw new DataDirectoryInUseException(dir, e);
      }
      throw e;
    }
    return db;
  }

  /** Whether H2 refused the database because another process has it open (its error 90020). */
  private static boolean lockedByAnother(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
        return true;
      }
    }
    return false;
  }

  /** The directory holding the database files. */
  public Path directory() {
    return directory;
  }

  private void createSchema() {
    String script;
    try (InputStream in = Database.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + SCHEMA);
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      for (String sql : withoutComments(script).split(";")) {
        if (!sql.isBlank()) {
          s.execute(sql);
        }
      }
    } catch (SQLException e) {
      throw new DataException("cannot create the schema", e);
    }
  }

  /** The script without its comment lines (which may contain semicolons). */
  private static String withoutComments(String script) {
    StringBuilder sql = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    return sql.toString();
  }

  /** Maps the current row of a result set to a value. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** Runs a query and maps every row. */
  <T> List<T> list(String sql, RowMapper<T> mapper, Object... parameters) {
    try (Connection c = pool.getConnection(); PreparedStatement s = prepare(c, sql, parameters, false);
        ResultSet rows = s.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rows.next()) {
        out.add(mapper.map(rows));
      }
      return out;
    } catch (SQLException e) {
      throw new DataException(sql, e);
    }
  }

  /** Runs a query and maps its first row, if any. */
  <T> Optional<T> first(String sql, RowMapper<T> mapper, Object... parameters) {
    List<T> rows = list(sql, mapper, parameters);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Runs an insert and returns the generated id. */
  long insert(String sql, Object... parameters) {
    try (Connection c = pool.getConnection(); PreparedStatement s = prepare(c, sql, parameters, true)) {
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new DataException(sql, new SQLException("no generated key"));
        }
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new DataException(sql, e);
    }
  }

  /** Runs an update or delete and returns the number of rows changed. */
  int update(String sql, Object... parameters) {
    try (Connection c = pool.getConnection(); PreparedStatement s = prepare(c, sql, parameters, false)) {
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new DataException(sql, e);
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object[] parameters, boolean keys)
      throws SQLException {
    PreparedStatement s = keys ? c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS) : c.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      s.setObject(i + 1, parameters[i]);
    }
    return s;
  }

  /** Closes every connection; the database files stay for the next start. */
  @Override
  public void close() {
    pool.dispose();
  }
}
