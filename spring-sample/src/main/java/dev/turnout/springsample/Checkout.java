package dev.turnout.springsample;

import dev.turnout.FeatureFlag;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders, each in one transaction. Spring proxies this class with CGLIB (it implements no
 * interface): the proxy opens the transaction and calls this instance, whose gated method the agent
 * routes, so both tracks run inside the transaction.
 */
@Service
@Transactional
public class Checkout {

  /** The member price, in percent of the list price. */
  static final int MEMBER_PERCENT = 80;

  private final Shop shop;

  /** Orders in the tables of {@code shop}. */
  public Checkout(Shop shop) {
    this.shop = shop;
  }

  /** Orders a book at its list price; the member price once {@code member-prices} is on for the user. */
  @FeatureFlag(value = Flags.MEMBER_PRICES, alternate = "orderAtMemberPrice")
  public Order order(String username, long bookId) {
    Book book = shop.book(bookId).orElseThrow(() -> new UnknownBookException(bookId));
    return shop.insertOrder(username, bookId, book.priceCents(), false);
  }

  Order orderAtMemberPrice(String username, long bookId) {
    Book book = shop.book(bookId).orElseThrow(() -> new UnknownBookException(bookId));
    return shop.insertOrder(username, bookId, book.priceCents() * MEMBER_PERCENT / 100, true);
  }
}
