package dev.turnout.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The users file: each user's bcrypt password hash and roles per environment, and the API tokens (only their
 * SHA-256 is kept: a token has 256 random bits, so a fast hash is enough). {@code *} as environment means every
 * environment. The file is re-read when it changes, so users added from the command line count at once.
 */
final class Users {

  /** Someone the console knows: a person or a token. */
  record User(String name, Map<String, Role> roles, boolean token, boolean disabled) {

    User(String name, Map<String, Role> roles, boolean token) {
      this(name, roles, token, false);
    }

    /** Whether the user may manage users: admin in every environment ({@code *}). */
    boolean isAdmin() {
      return !disabled && roles.get("*") == Role.ADMIN;
    }

    /** The user's role in {@code environment}, or null for none. */
    Role roleIn(String environment) {
      Role r = roles.get(environment);
      return r != null ? r : roles.get("*");
    }

    boolean may(String environment, Role needed) {
      Role r = roleIn(environment);
      return r != null && r.allows(needed);
    }

    /** The highest role the user holds in any environment. */
    Role highest() {
      return roles.values().stream().max(Enum::compareTo).orElse(null);
    }
  }

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  static final int MIN_PASSWORD = 12;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** bcrypt's cost for new hashes: 2^12 rounds, about a quarter of a second on a server core. */
  static final int STRENGTH = 12;

  private final BCryptPasswordEncoder bcrypt;
  // Compared against when the user does not exist, so that a login takes as long either way.
  private String dummyHash;
  private final Path file;
  private ObjectNode root;
  private long modified = -1;

  Users(Path file) {
    this(file, STRENGTH);
  }

  /** With another bcrypt cost for new hashes (tests); existing hashes carry their own. */
  Users(Path file, int strength) {
    this.file = file.toAbsolutePath().normalize();
    this.bcrypt = new BCryptPasswordEncoder(strength);
  }

  Path file() {
    return file;
  }

  private synchronized ObjectNode root() {
    try {
      long m = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() ^ Files.size(file) : 0;
      if (root == null || m != modified) {
        root = Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
        if (!root.has("users")) {
          root.putObject("users");
        }
        if (!root.has("tokens")) {
          root.putObject("tokens");
        }
        modified = m;
      }
      return root;
    } catch (IOException | ClassCastException e) {
      throw new IllegalStateException("cannot read the users file " + file + ": " + e.getMessage(), e);
    }
  }

  synchronized boolean isEmpty() {
    return root().get("users").isEmpty();
  }

  /** The user when {@code password} is theirs. */
  Optional<User> authenticate(String name, String password) {
    JsonNode u;
    synchronized (this) {
      u = root().get("users").get(name);
    }
    String dummy = dummyHash();
    String hash = u == null ? dummy : u.path("password").asText(dummy);
    boolean matches = password != null && bcrypt.matches(password, hash);
    return u != null && matches && !u.path("disabled").asBoolean(false) ? Optional.of(user(name, u, false))
        : Optional.empty();
  }

  private synchronized String dummyHash() {
    if (dummyHash == null) {
      dummyHash = bcrypt.encode("not a password of anybody");
    }
    return dummyHash;
  }

  /** The user named {@code name} (proxy mode: the proxy has authenticated them). */
  synchronized Optional<User> find(String name) {
    JsonNode u = root().get("users").get(name);
    return u == null ? Optional.empty() : Optional.of(user(name, u, false));
  }

  /** The token's user when {@code token} is a token the file holds. */
  synchronized Optional<User> token(String token) {
    String hash = sha256(token);
    for (Map.Entry<String, JsonNode> e : root().get("tokens").properties()) {
      if (MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
          e.getValue().path("sha256").asText().getBytes(StandardCharsets.US_ASCII))) {
        return Optional.of(user(e.getKey(), e.getValue(), true));
      }
    }
    return Optional.empty();
  }

  private static User user(String name, JsonNode node, boolean token) {
    Map<String, Role> roles = new LinkedHashMap<>();
    node.path("roles").properties().forEach(e -> roles.put(e.getKey(), Role.parse(e.getValue().asText())));
    return new User(name, java.util.Collections.unmodifiableMap(roles), token, node.path("disabled").asBoolean(false));
  }

  /** Adds or replaces the user {@code name}. */
  synchronized void putUser(String name, char[] password, Map<String, Role> roles) {
    checkName(name);
    if (password.length < MIN_PASSWORD) {
      throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD + " characters");
    }
    ObjectNode u = ((ObjectNode) root().get("users")).putObject(name);
    u.put("password", bcrypt.encode(new String(password)));
    putRoles(u, roles);
    save();
  }

  /** Creates an API token {@code name} with {@code roles}; returns the token, which is shown once and never kept. */
  synchronized String putToken(String name, Map<String, Role> roles) {
    checkName(name);
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String token = "tnt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ObjectNode t = ((ObjectNode) root().get("tokens")).putObject(name);
    t.put("sha256", sha256(token));
    putRoles(t, roles);
    save();
    return token;
  }

  private static void putRoles(ObjectNode node, Map<String, Role> roles) {
    ObjectNode r = node.putObject("roles");
    roles.forEach((env, role) -> r.put(env, role.label()));
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a user name: letters, digits, '.', '_', '@' and '-', up to 64");
    }
  }

  private void save() {
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(root), true);
      modified = Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the users file " + file + ": " + e.getMessage(), e);
    }
  }

  // ---- user administration (the console's Users page); each change is saved atomically ----

  /** Every user, in the file's order, with whether a set-password link waits for them. */
  synchronized java.util.List<User> all() {
    java.util.List<User> out = new java.util.ArrayList<>();
    root().get("users").properties().forEach(e -> out.add(user(e.getKey(), e.getValue(), false)));
    return out;
  }

  /** Whether {@code name} has no password yet, or a set-password link that has not been used. */
  synchronized boolean linkPending(String name) {
    JsonNode u = root().get("users").get(name);
    return u != null && u.has("link");
  }

  /**
   * A stamp of the user's password: it changes whenever the password does, so a session opened before a reset (here
   * or with add-user) is refused.
   */
  synchronized String stamp(String name) {
    JsonNode u = root().get("users").get(name);
    return u == null ? "" : sha256("stamp\n" + u.path("password").asText("")).substring(0, 32);
  }

  /** Adds the user {@code name}, who does not exist yet, with {@code password} or (null) none until a link sets one. */
  synchronized void addUser(String name, char[] password, Map<String, Role> roles) {
    checkName(name);
    if (root().get("users").has(name)) {
      throw new EditException("there is already a user '" + name + "'");
    }
    checkRoles(roles);
    if (password != null) {
      checkPassword(password);
    }
    ObjectNode u = ((ObjectNode) root().get("users")).putObject(name);
    if (password != null) {
      u.put("password", bcrypt.encode(new String(password)));
    }
    putRoles(u, roles);
    save();
  }

  /** Replaces the password of {@code name}; any set-password link of theirs stops working. */
  synchronized void setPassword(String name, char[] password) {
    checkPassword(password);
    ObjectNode u = existing(name);
    u.put("password", bcrypt.encode(new String(password)));
    u.remove("link");
    save();
  }

  /**
   * A one-time link token for {@code name}, valid until {@code expires}: the user's password is removed (their old one
   * no longer logs in) and the token's SHA-256 kept until it is used.
   */
  synchronized String passwordLink(String name, java.time.Instant expires) {
    ObjectNode u = existing(name);
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    u.remove("password");
    u.putObject("link").put("sha256", sha256(token)).put("expires", expires.toString());
    save();
    return token;
  }

  /** The user a set-password link is for, while it is valid at {@code now}. */
  synchronized Optional<String> linkUser(String token, java.time.Instant now) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    byte[] hash = sha256(token).getBytes(StandardCharsets.US_ASCII);
    for (Map.Entry<String, JsonNode> e : root().get("users").properties()) {
      JsonNode link = e.getValue().get("link");
      if (link != null && MessageDigest.isEqual(hash, link.path("sha256").asText().getBytes(StandardCharsets.US_ASCII))
          && now.isBefore(java.time.Instant.parse(link.path("expires").asText()))
          && !e.getValue().path("disabled").asBoolean(false)) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  /** Sets the password of the link's user and ends the link; false when the link is unknown, used or expired. */
  synchronized boolean useLink(String token, char[] password, java.time.Instant now) {
    Optional<String> name = linkUser(token, now);
    if (name.isEmpty()) {
      return false;
    }
    setPassword(name.get(), password);
    return true;
  }

  /** Replaces the roles of {@code name}; refused when that would leave no admin. */
  synchronized void setRoles(String name, Map<String, Role> roles) {
    checkRoles(roles);
    ObjectNode u = existing(name);
    if (roles.get("*") != Role.ADMIN) {
      keepAnAdmin(name, "take the admin role from");
    }
    putRoles(u, roles);
    save();
  }

  /** Disables (no login, sessions refused) or enables {@code name}; disabling the last admin is refused. */
  synchronized void setDisabled(String name, boolean disabled) {
    ObjectNode u = existing(name);
    if (disabled) {
      keepAnAdmin(name, "disable");
      u.put("disabled", true);
    } else {
      u.remove("disabled");
    }
    save();
  }

  /** Deletes {@code name}; deleting the last admin is refused. */
  synchronized void delete(String name) {
    existing(name);
    keepAnAdmin(name, "delete");
    ((ObjectNode) root().get("users")).remove(name);
    save();
  }

  private void keepAnAdmin(String name, String what) {
    long others = all().stream().filter(u -> u.isAdmin() && !u.name().equals(name)).count();
    if (others == 0 && find(name).map(User::isAdmin).orElse(false)) {
      throw new EditException("Cannot " + what + " " + name + ": they are the last admin (admin in every "
          + "environment). Make someone else an admin first.");
    }
  }

  private ObjectNode existing(String name) {
    JsonNode u = root().get("users").get(name);
    if (!(u instanceof ObjectNode o)) {
      throw new EditException("there is no user '" + name + "'");
    }
    return o;
  }

  private static void checkPassword(char[] password) {
    if (password.length < MIN_PASSWORD) {
      throw new EditException("a password needs at least " + MIN_PASSWORD + " characters");
    }
  }

  private static void checkRoles(Map<String, Role> roles) {
    if (roles.isEmpty()) {
      throw new EditException("give the user a role in at least one environment");
    }
    for (String env : roles.keySet()) {
      if (!env.equals("*") && !NAME.matcher(env).matches()) {
        throw new EditException("'" + env + "' is not an environment name");
      }
    }
  }

  /** Parses {@code env=role,env=role} ({@code role} alone: every environment). */
  static Map<String, Role> parseRoles(String text) {
    Map<String, Role> roles = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        roles.put("*", Role.parse(p));
      } else {
        roles.put(p.substring(0, eq).trim(), Role.parse(p.substring(eq + 1)));
      }
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("no role given: viewer, editor, approver or admin, or ENV=ROLE,...");
    }
    return roles;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
