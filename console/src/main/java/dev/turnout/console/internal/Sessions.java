package dev.turnout.console.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Logged-in browsers: a random session id (the cookie) to the user and the session's CSRF token. */
final class Sessions {

  static final Duration IDLE = Duration.ofHours(8);

  /** One browser's session. */
  record Session(String id, String user, String csrf, Instant lastUsed) {}

  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  Sessions(Clock clock) {
    this.clock = clock;
  }

  Session create(String user) {
    Session s = new Session(randomId(), user, randomId(), clock.instant());
    sessions.put(s.id(), s);
    return s;
  }

  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (s.lastUsed().plus(IDLE).isBefore(now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    Session touched = new Session(s.id(), s.user(), s.csrf(), now);
    sessions.put(id, touched);
    return Optional.of(touched);
  }

  void remove(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  String randomId() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
