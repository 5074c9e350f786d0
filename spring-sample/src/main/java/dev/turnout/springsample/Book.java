package dev.turnout.springsample;

import java.util.List;

/**
 * A book as the API shows it; {@code reviews} is null where the page does not list them.
 *
 * @param id the book's id
 * @param title its title
 * @param author its author or authors
 * @param priceCents its list price, in cents
 * @param reviews its reviews, or null
 */
public record Book(long id, String title, String author, int priceCents, List<Review> reviews) {

  /** The same book with its reviews. */
  Book withReviews(List<Review> list) {
    return new Book(id, title, author, priceCents, List.copyOf(list));
  }
}
