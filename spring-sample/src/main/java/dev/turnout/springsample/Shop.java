package dev.turnout.springsample;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The bookshop's tables (schema.sql): books, reviews and orders, through {@link JdbcTemplate}. */
@Repository
public class Shop {

  private final JdbcTemplate jdbc;

  /** The tables of the application's data source. */
  public Shop(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every book, by id, without reviews. */
  public List<Book> books() {
    return jdbc.query("SELECT id, title, author, price_cents FROM books ORDER BY id",
        (rs, row) -> new Book(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), null));
  }

  /** The book with this id, without reviews. */
  public Optional<Book> book(long id) {
    return jdbc.query("SELECT id, title, author, price_cents FROM books WHERE id = ?",
        (rs, row) -> new Book(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), null), id)
        .stream().findFirst();
  }

  /** The reviews of a book, oldest first. */
  public List<Review> reviews(long bookId) {
    return jdbc.query("SELECT reader, stars, text FROM reviews WHERE book_id = ? ORDER BY id",
        (rs, row) -> new Review(rs.getString(1), rs.getInt(2), rs.getString(3)), bookId);
  }

  /** Records an order and returns it with its id. */
  public Order insertOrder(String username, long bookId, int priceCents, boolean memberPrice) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement s = connection.prepareStatement(
          "INSERT INTO orders (username, book_id, price_cents, member_price) VALUES (?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS);
      s.setString(1, username);
      s.setLong(2, bookId);
      s.setInt(3, priceCents);
      s.setBoolean(4, memberPrice);
      return s;
    }, key);
    Number id = key.getKey();
    if (id == null) {
      throw new IllegalStateException("the database gave the new order no id");
    }
    return new Order(id.longValue(), username, bookId, priceCents, memberPrice);
  }

  /** A user's orders, oldest first. */
  public List<Order> orders(String username) {
    return jdbc.query("SELECT id, username, book_id, price_cents, member_price FROM orders WHERE username = ? ORDER BY id",
        (rs, row) -> new Order(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getBoolean(5)), username);
  }
}
