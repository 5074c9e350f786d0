package dev.turnout.springsample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

/**
 * The scenario every way of starting the sample must pass: the gates of the controller and of the
 * proxied transactional service follow edits of the catalog within a second, per signed-in user.
 */
final class Routing {

  private static final long BOOK = 2;

  private Routing() {}

  /** Both tracks for the two users, as the shipped catalog (every gate off) says: the original ones. */
  static void assertShippedCatalog(URI base) throws Exception {
    Shopper alice = new Shopper(base, "alice");
    Shopper bob = new Shopper(base, "bob");
    Eventually.within(Eventually.ONE_SECOND, () -> {
      assertThat(alice.seesReviews(BOOK)).as("alice sees reviews").isFalse();
      assertThat(bob.seesReviews(BOOK)).as("bob sees reviews").isFalse();
    });
    assertThat(alice.paysMemberPrice(BOOK)).as("alice pays the member price").isFalse();
    assertThat(bob.paysMemberPrice(BOOK)).as("bob pays the member price").isFalse();
  }

  /**
   * Opens each gate to one user, then one to everyone, then puts the shipped catalog back: each edit
   * must route within a second, by the user signed in.
   */
  static void assertEditsRoute(URI base, CatalogFile catalog) throws Exception {
    Shopper alice = new Shopper(base, "alice");
    Shopper bob = new Shopper(base, "bob");
    assertShippedCatalog(base);

    catalog.set("book-reviews", "allow", "[alice]");
    catalog.set("member-prices", "allow", "[bob]");
    Eventually.within(Eventually.ONE_SECOND, () -> {
      assertThat(alice.seesReviews(BOOK)).as("alice sees reviews").isTrue();
      assertThat(bob.paysMemberPrice(BOOK)).as("bob pays the member price").isTrue();
    });
    assertThat(bob.seesReviews(BOOK)).as("bob sees reviews").isFalse();
    assertThat(alice.paysMemberPrice(BOOK)).as("alice pays the member price").isFalse();
    // The service's alternate ran inside the proxy's transaction, which committed its order.
    List<Boolean> bobs = bob.get("api/orders").read("$[*].memberPrice");
    assertThat(bobs).contains(true, false);
    List<Boolean> alices = alice.get("api/orders").read("$[*].memberPrice");
    assertThat(alices).isNotEmpty().containsOnly(false);

    catalog.set("book-reviews", "percentage", "100");
    Eventually.within(Eventually.ONE_SECOND, () -> assertThat(bob.seesReviews(BOOK)).as("bob sees reviews").isTrue());
    assertThat(alice.seesReviews(BOOK)).as("alice sees reviews").isTrue();

    catalog.restore();
    assertShippedCatalog(base);
  }

  /** Without credentials the API refuses: Spring Security is in front of the gates. */
  static void assertSignInRequired(URI base) {
    assertThat(new Shopper(base, null).get("api/books/" + BOOK).status()).isEqualTo(401);
  }
}
