package dev.turnout.springsample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.CatalogFile;
import dev.turnout.testsupport.Eventually;
import java.net.URI;
import java.util.List;

/**
 * The scenario every way of starting the sample must pass: the gates of the controller and of the
 * proxied transactional service follow edits of the catalog within a second, per signed-in user.
 */
final class Routing {

  private static final long BOOK = 2;

  private Routing() {}

  /**
   * The tracks the shipped catalog gives: the original ones for alice and bob; the member price for carol,
   * a STAFF user (the roles the sample's context resolver adds to the signed-in user's context).
   */
  static void assertShippedCatalog(URI base) throws Exception {
    Shopper alice = new Shopper(base, "alice");
    Shopper bob = new Shopper(base, "bob");
    Shopper carol = new Shopper(base, "carol");
    Eventually.within(Eventually.ONE_SECOND, () -> {
      assertThat(alice.seesReviews(BOOK)).as("alice sees reviews").isFalse();
      assertThat(bob.seesReviews(BOOK)).as("bob sees reviews").isFalse();
    });
    assertThat(alice.paysMemberPrice(BOOK)).as("alice pays the member price").isFalse();
    assertThat(bob.paysMemberPrice(BOOK)).as("bob pays the member price").isFalse();
    assertThat(carol.paysMemberPrice(BOOK)).as("carol (STAFF) pays the member price").isTrue();
    assertThat(carol.seesReviews(BOOK)).as("carol sees reviews").isFalse();
  }

  /**
   * The starter serves the agent's engine, the one that routes the gates, never a second one: the
   * actuator endpoint names the agent and the catalog file the test edits, and the health indicator is up.
   */
  static void assertOneEngine(URI base, CatalogFile catalog) {
    Shopper alice = new Shopper(base, "alice");
    Shopper.Reply turnout = alice.get("actuator/turnout");
    assertThat(turnout.status()).as("actuator/turnout: %s", turnout.body()).isEqualTo(200);
    assertThat(turnout.<String>read("$.engine")).isEqualTo("agent");
    assertThat(turnout.<String>read("$.source")).contains(catalog.path().toString());
    assertThat(turnout.<Object>read("$.flags['book-reviews']")).isNotNull();
    Shopper.Reply health = alice.get("actuator/health");
    assertThat(health.status()).as("actuator/health: %s", health.body()).isEqualTo(200);
    assertThat(health.<String>read("$.components.turnout.status")).isEqualTo("UP");
  }

  /**
   * Opens each gate to one user, then one to everyone, then puts the shipped catalog back: each edit
   * must route within a second, by the user signed in.
   */
  static void assertEditsRoute(URI base, CatalogFile catalog) throws Exception {
    Shopper alice = new Shopper(base, "alice");
    Shopper bob = new Shopper(base, "bob");
    assertShippedCatalog(base);
    long version = catalogVersion(base);

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
    assertThat(catalogVersion(base)).as("the actuator reports the reloads").isGreaterThanOrEqualTo(version + 3);
  }

  private static long catalogVersion(URI base) {
    Number version = new Shopper(base, "alice").get("actuator/turnout").read("$.catalog.version");
    return version.longValue();
  }

  /** Without credentials the API and the actuator refuse: Spring Security is in front of them. */
  static void assertSignInRequired(URI base) {
    assertThat(new Shopper(base, null).get("api/books/" + BOOK).status()).isEqualTo(401);
    assertThat(new Shopper(base, null).get("actuator/turnout").status()).isEqualTo(401);
  }
}
