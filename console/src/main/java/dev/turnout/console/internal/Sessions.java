package dev.turnout.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logged-in browsers. The cookie holds a random 256-bit session id; the console keeps only its SHA-256, with the user,
 * a stamp of the user's password (a session ends when the password changes, from the console or the command line),
 * and when it was last used. The sessions file beside the users file keeps them across restarts: written atomically,
 * readable by its owner only, and never holding an id that could be replayed. The CSRF token is derived from the id,
 * so it is not kept either.
 */
final class Sessions {

  private static final Logger LOG = Logger.getLogger(Sessions.class.getName());

  /** A session unused for this long has ended. */
  static final Duration IDLE = Duration.ofHours(8);
  /** How often a session's last use is written: at most once a minute, not on every request. */
  static final Duration TOUCH = Duration.ofMinutes(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One browser's session: the cookie's id, the user, the CSRF token and the user's password stamp at login. */
  record Session(String id, String user, String csrf, Instant lastUsed, String stamp) {}

  private record Entry(String user, String stamp, Instant created, Instant lastUsed) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Entry> byHash = new HashMap<>();
  private final Clock clock;
  private final Path file;

  /** Sessions kept in memory only. */
  Sessions(Clock clock) {
    this(null, clock);
  }

  /** Sessions kept in {@code file} (null: memory only); the ones it holds count again. */
  Sessions(Path file, Clock clock) {
    this.clock = clock;
    this.file = file == null ? null : file.toAbsolutePath().normalize();
    load();
  }

  /** The sessions file of the users file {@code users}: {@code NAME.sessions.json} beside it. */
  static Path fileFor(Path users) {
    return users.toAbsolutePath().normalize().resolveSibling(users.getFileName() + ".sessions.json");
  }

  synchronized Session create(String user, String stamp) {
    String id = randomId();
    Instant now = clock.instant();
    byHash.put(hash(id), new Entry(user, stamp, now, now));
    save();
    return new Session(id, user, csrf(id), now, stamp);
  }

  /** The session whose cookie is {@code id}, when it is known and not expired. */
  synchronized Optional<Session> find(String id) {
    if (id == null || id.isEmpty() || id.length() > 100) {
      return Optional.empty();
    }
    String h = hash(id);
    Entry e = byHash.get(h);
    if (e == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!e.lastUsed().plus(IDLE).isAfter(now)) {
      byHash.remove(h);
      save();
      return Optional.empty();
    }
    if (!e.lastUsed().plus(TOUCH).isAfter(now)) {
      e = new Entry(e.user(), e.stamp(), e.created(), now);
      byHash.put(h, e);
      save();
    }
    return Optional.of(new Session(id, e.user(), csrf(id), e.lastUsed(), e.stamp()));
  }

  synchronized void remove(String id) {
    if (id != null && byHash.remove(hash(id)) != null) {
      save();
    }
  }

  /** Ends every session of {@code user} (password reset, disabled, deleted, roles changed). */
  synchronized int removeUser(String user) {
    int before = byHash.size();
    byHash.values().removeIf(e -> e.user().equals(user));
    int removed = before - byHash.size();
    if (removed > 0) {
      save();
    }
    return removed;
  }

  /** How many sessions {@code user} has. */
  synchronized int count(String user) {
    return (int) byHash.values().stream().filter(e -> e.user().equals(user)).count();
  }

  String randomId() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String csrf(String id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest("turnout csrf\n" + id));
  }

  private static String hash(String id) {
    return java.util.HexFormat.of().formatHex(digest(id));
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void load() {
    if (file == null) {
      return;
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      Instant now = clock.instant();
      int dropped = 0;
      for (Map.Entry<String, JsonNode> e : root.path("sessions").properties()) {
        JsonNode n = e.getValue();
        Entry entry = new Entry(n.path("user").asText(), n.path("stamp").asText(),
            Instant.parse(n.path("created").asText()), Instant.parse(n.path("lastUsed").asText()));
        if (entry.lastUsed().plus(IDLE).isAfter(now) && e.getKey().matches("[0-9a-f]{64}")) {
          byHash.put(e.getKey(), entry);
        } else {
          dropped++;
        }
      }
      if (dropped > 0) {
        save();
      }
    } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
      // no sessions yet
    } catch (IOException | RuntimeException e) {
      // Unreadable: everyone logs in again, nothing else is lost.
      LOG.log(Level.WARNING, "cannot read the sessions file " + file + " (everyone logs in again): " + e.getMessage());
      byHash.clear();
    }
  }

  private void save() {
    if (file == null) {
      return;
    }
    Instant now = clock.instant();
    byHash.values().removeIf(e -> !e.lastUsed().plus(IDLE).isAfter(now));
    ObjectNode root = JSON.createObjectNode();
    ObjectNode all = root.putObject("sessions");
    byHash.forEach((h, e) -> all.putObject(h).put("user", e.user()).put("stamp", e.stamp())
        .put("created", e.created().toString()).put("lastUsed", e.lastUsed().toString()));
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(root), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sessions file " + file + ": " + e.getMessage(), e);
    }
  }
}
