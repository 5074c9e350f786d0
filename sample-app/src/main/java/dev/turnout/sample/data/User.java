package dev.turnout.sample.data;

import java.util.regex.Pattern;

/**
 * A user of the application: a unique name (what people log in with) and an e-mail address.
 *
 * <pre>{@code
 * User ann = users.find("ann").orElseThrow();
 * boolean internal = ann.email().endsWith("@example.com");
 * }</pre>
 *
 * @param id the database id
 * @param name the login name: 1 to 40 lower-case letters, digits, dots, dashes or underscores
 * @param email the e-mail address
 */
public record User(long id, String name, String email) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,100}@[^@\\s]{1,99}");

  /** Whether {@code name} is a valid login name. */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Whether {@code email} looks like an e-mail address (something, one {@code @}, something). */
  public static boolean isValidEmail(String email) {
    return email != null && EMAIL.matcher(email).matches();
  }
}
