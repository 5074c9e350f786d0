package dev.turnout.springsample;

/**
 * A reader's review of a book.
 *
 * @param reader who wrote it
 * @param stars one to five
 * @param text what they wrote
 */
public record Review(String reader, int stars, String text) {}
