package dev.turnout.sample.users;

import dev.turnout.sample.data.User;
import dev.turnout.sample.data.Users;
import dev.turnout.sample.web.Html;
import dev.turnout.sample.web.Request;
import dev.turnout.sample.web.Response;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Logging in and out, and signing up, as HTML pages and in the JSON API. Logging in only names the
 * user (there are no passwords in this sample): the browser keeps the name in the {@code user}
 * cookie; API clients send the header {@code X-User: NAME}.
 *
 * <pre>{@code
 * router.get("/login", pages::loginForm).post("/login", pages::login);
 * }</pre>
 */
public final class UserPages {

  private static final String COOKIE = "user";

  private final Users users;
  private final Registration registration;

  /** Pages over {@code users}, signing up through {@code registration}. */
  public UserPages(Users users, Registration registration) {
    this.users = users;
    this.registration = registration;
  }

  /** {@code GET /login}: the log-in form, with the known users to pick from. */
  public Response loginForm(Request request) {
    return loginPage(null, 200);
  }

  /** {@code POST /login}: logs in as an existing user. */
  public Response login(Request request) {
    String name = request.param("name").toLowerCase(Locale.ROOT);
    Optional<User> user = User.isValidName(name) ? users.find(name) : Optional.empty();
    if (user.isEmpty()) {
      return loginPage("There is no user called “" + name + "”. Sign up first?", 404);
    }
    return Response.redirect("/tasks").withHeader("Set-Cookie", COOKIE + "=" + user.get().name()
        + "; Path=/; HttpOnly; SameSite=Lax");
  }

  /** {@code POST /logout}. */
  public Response logout(Request request) {
    return Response.redirect("/login").withHeader("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0");
  }

  private Response loginPage(String error, int status) {
    StringBuilder body = new StringBuilder("<h1>Log in</h1>");
    if (error != null) {
      body.append("<p class=\"error\" id=\"error\">").append(Html.escape(error)).append("</p>");
    }
    body.append("<form method=\"post\" action=\"/login\"><p><label>Name <input type=\"text\" name=\"name\" id=\"name\" "
        + "required></label> <button id=\"login\">Log in</button></p></form><p>Users: ");
    String sep = "";
    for (User u : users.all()) {
      body.append(sep).append("<code>").append(Html.escape(u.name())).append("</code> (")
          .append(Html.escape(u.email())).append(')');
      sep = ", ";
    }
    body.append(". New here? <a href=\"/signup\">Sign up</a>.</p>");
    return Response.html(status, Html.page("Log in", null, body.toString()));
  }

  /** {@code GET /signup}: the sign-up form. */
  public Response signupForm(Request request) {
    return signupPage(null, 200);
  }

  /** {@code POST /signup}: signs up (unless registration is switched off) and logs in. */
  public Response signup(Request request) {
    Registration.SignUp result = registration.register(request.param("name"), request.param("email"));
    if (!result.ok()) {
      return signupPage(result.message(), result.status());
    }
    return Response.redirect("/tasks").withHeader("Set-Cookie", COOKIE + "=" + result.user().name()
        + "; Path=/; HttpOnly; SameSite=Lax");
  }

  private Response signupPage(String error, int status) {
    StringBuilder body = new StringBuilder("<h1>Sign up</h1>");
    if (error != null) {
      body.append("<p class=\"notice\" id=\"error\">").append(Html.escape(error)).append("</p>");
    }
    body.append("<form method=\"post\" action=\"/signup\">"
        + "<p><label>Name <input type=\"text\" name=\"name\" id=\"name\" required></label></p>"
        + "<p><label>E-mail <input type=\"text\" name=\"email\" id=\"email\" required></label></p>"
        + "<p><button id=\"signup\">Sign up</button></p></form>");
    return Response.html(status, Html.page("Sign up", null, body.toString()));
  }

  /** {@code POST /api/users} with {@code name} and {@code email}: 201 and the user, or an error. */
  public Response apiSignup(Request request) {
    Registration.SignUp result = registration.register(request.param("name"), request.param("email"));
    return result.ok() ? Response.json(201, result.user()) : Response.jsonError(result.status(), result.message());
  }

  /** {@code GET /api/me}: the user the request is made as. */
  public Response apiMe(Request request) {
    User user = request.user();
    return user == null ? Response.notLoggedIn(request)
        : Response.json(Map.of("name", user.name(), "email", user.email()));
  }
}
