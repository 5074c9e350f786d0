package dev.turnout.springsample;

/**
 * A placed order.
 *
 * @param id the order's id
 * @param username who placed it
 * @param bookId the book ordered
 * @param priceCents what was charged, in cents
 * @param memberPrice whether the member price was charged
 */
public record Order(long id, String username, long bookId, int priceCents, boolean memberPrice) {}
