package dev.turnout.sample.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.sample.data.Database;
import dev.turnout.sample.data.Users;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both tracks of the kill switch, called directly (the agent chooses between them at run time). */
class RegistrationTest {

  @TempDir
  Path dir;
  Database db;
  Users users;
  Registration registration;

  @BeforeEach
  void open() {
    db = Database.open(dir);
    users = new Users(db);
    registration = new Registration(users);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void theOriginalTrackSignsUpValidNewUsers() {
    Registration.SignUp ok = registration.register("eve", "eve@example.org");
    assertThat(ok.ok()).isTrue();
    assertThat(ok.status()).isEqualTo(201);
    assertThat(users.find("eve")).contains(ok.user());
    assertThat(registration.register("eve", "eve@example.org").status()).isEqualTo(409);
    assertThat(registration.register("Eve!", "eve@example.org").status()).isEqualTo(400);
    assertThat(registration.register("fay", "no-address").status()).isEqualTo(400);
  }

  @Test
  void theAlternateRefusesKindlyAndCreatesNobody() {
    Registration.SignUp refused = registration.refuse("gus", "gus@example.org");
    assertThat(refused.ok()).isFalse();
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.message()).isEqualTo(Registration.PAUSED).contains("just log in");
    assertThat(users.find("gus")).isEmpty();
  }
}
