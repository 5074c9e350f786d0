package dev.turnout.sample.users;

import dev.turnout.FeatureFlag;
import dev.turnout.sample.Flags;
import dev.turnout.sample.data.User;
import dev.turnout.sample.data.Users;
import java.util.Optional;

/**
 * Signing up, behind the ops kill switch {@code disable-registration}: switched on, new sign-ups are
 * refused with a friendly message, while everyone who already has an account logs in and works as usual.
 * The original track is the normal sign-up.
 *
 * <pre>{@code
 * Registration.SignUp result = registration.register("eve", "eve@example.org");
 * if (!result.ok()) show(result.message());
 * }</pre>
 */
public final class Registration {

  /** What a refused sign-up tells the user. */
  public static final String PAUSED = "Sign-ups are paused for a little while, sorry. Please try again later. "
      + "If you already have an account, just log in.";

  private final Users users;

  /** Sign-ups into {@code users}. */
  public Registration(Users users) {
    this.users = users;
  }

  /** Creates the user, unless the name or address is invalid or the name is taken. */
  @FeatureFlag(value = Flags.DISABLE_REGISTRATION, alternate = "refuse")
  public SignUp register(String name, String email) {
    if (!User.isValidName(name)) {
      return SignUp.failed(400, "A name is 1 to 40 lower-case letters, digits, dots, dashes or underscores.");
    }
    if (!User.isValidEmail(email)) {
      return SignUp.failed(400, "That does not look like an e-mail address.");
    }
    Optional<User> user = users.create(name, email);
    return user.map(SignUp::created).orElseGet(() -> SignUp.failed(409, "The name " + name + " is taken."));
  }

  SignUp refuse(String name, String email) {
    return SignUp.failed(503, PAUSED);
  }

  /**
   * The result of a sign-up.
   *
   * @param user the new user, or {@code null} when refused
   * @param status the HTTP status that fits: 201, or 400, 409, 503
   * @param message why it was refused, or {@code null}
   */
  public record SignUp(User user, int status, String message) {

    static SignUp created(User user) {
      return new SignUp(user, 201, null);
    }

    static SignUp failed(int status, String message) {
      return new SignUp(null, status, message);
    }

    /** Whether the user was created. */
    public boolean ok() {
      return user != null;
    }
  }
}
