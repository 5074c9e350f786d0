package dev.turnout.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.sample.users.Registration;
import dev.turnout.testsupport.Eventually;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ops kill switch {@code disable-registration}: sign-ups refused kindly, existing users carry on. */
class RegistrationKillSwitchIT extends SharedSample {

  private static final String OFF = "enabled: false\n    default: on";
  private static final String ON = "enabled: true\n    default: on";


  @Test
  void theKillSwitchRefusesNewSignUpsWhileExistingUsersCarryOn() throws Exception {
    Http http = sample.http;
    sample.signUp("eve", "eve@customer.org");
    Http.Reply form = http.postForm(null, "signup", Map.of("name", "fay", "email", "fay@customer.org"));
    assertThat(form.status()).isEqualTo(303);
    assertThat(http.get("fay", "api/me").json()).containsEntry("email", "fay@customer.org");

    sample.catalog.replace(OFF, ON);

    // Polled with an invalid sign-up (400 while sign-ups are open), so polling creates nobody.
    Eventually.within(Eventually.ONE_SECOND, () ->
        assertThat(http.postJson(null, "api/users", Map.of("name", "No Such Name!", "email", "-")).status())
            .isEqualTo(503));
    Http.Reply refused = http.postForm(null, "signup", Map.of("name", "gus", "email", "gus@customer.org"));
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.body()).contains("Sign-ups are paused for a little while, sorry.");
    assertThat(http.postJson(null, "api/users", Map.of("name", "gus", "email", "gus@customer.org")).json())
        .containsEntry("error", Registration.PAUSED);
    assertThat(http.get("gus", "api/me").status()).as("gus was not created").isEqualTo(401);

    Http.Reply login = http.postForm(null, "login", Map.of("name", "eve"));
    assertThat(login.status()).isEqualTo(303);
    assertThat(login.location()).isEqualTo("/tasks");
    assertThat(http.postJson("eve", "api/tasks", Map.of("title", "Still working")).status()).isEqualTo(201);
    assertThat(http.get("fay", "tasks").body()).contains("Still working");

    sample.catalog.replace(ON, OFF);

    Eventually.within(Eventually.ONE_SECOND, () ->
        assertThat(http.postJson(null, "api/users", Map.of("name", "gus", "email", "gus@customer.org")).status())
            .isEqualTo(201));
  }
}
