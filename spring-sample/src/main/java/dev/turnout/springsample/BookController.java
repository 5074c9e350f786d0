package dev.turnout.springsample;

import dev.turnout.FeatureFlag;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The bookshop's JSON API; every call is made by a signed-in user. */
@RestController
public class BookController {

  private final Shop shop;
  private final Checkout checkout;

  /** The API over {@code shop}, ordering through {@code checkout}. */
  public BookController(Shop shop, Checkout checkout) {
    this.shop = shop;
    this.checkout = checkout;
  }

  /** Every book. */
  @GetMapping("/api/books")
  public List<Book> books() {
    return shop.books();
  }

  /** A book; with its reviews once {@code book-reviews} is on for the signed-in user. */
  @GetMapping("/api/books/{id}")
  @FeatureFlag(value = Flags.BOOK_REVIEWS, alternate = "bookWithReviews")
  public Book book(@PathVariable("id") long id) {
    return shop.book(id).orElseThrow(() -> new UnknownBookException(id));
  }

  Book bookWithReviews(long id) {
    return shop.book(id).orElseThrow(() -> new UnknownBookException(id)).withReviews(shop.reviews(id));
  }

  /** Orders a book for the signed-in user. */
  @PostMapping("/api/orders")
  @ResponseStatus(HttpStatus.CREATED)
  public Order order(Principal user, @RequestBody OrderRequest request) {
    return checkout.order(user.getName(), request.bookId());
  }

  /** The signed-in user's orders. */
  @GetMapping("/api/orders")
  public List<Order> orders(Principal user) {
    return shop.orders(user.getName());
  }

  /**
   * The body of an order.
   *
   * @param bookId the book to order
   */
  public record OrderRequest(long bookId) {}
}
