package dev.turnout.console.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnout.CatalogSource;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.internal.catalog.Catalog;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The console's web application: pages, forms and the JSON API, behind the checks of {@link #guard}. */
public final class ConsoleServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ConsoleServer.class.getName());
  static final String SESSION_COOKIE = "turnout_session";
  static final String LOGIN_COOKIE = "turnout_login";
  private static final String USER = "turnout.user";
  private static final String SESSION = "turnout.session";
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String APPLY_NOTE = "JVMs that run with this catalog file (the agent's flags=PATH, or a file source "
      + "that watches it) apply the change within about 200 ms of the save; nothing needs a restart or a build.";

  static final String ARCHIVE_NOTE = "Archived: '%1$s' is off in every environment and tagged archived. Its gate "
      + "is still in the code: remove it with `turnout remove %1$s` (keeps one path, deletes the catalog entry) and "
      + "build.";

  private final ConsoleConfig config;
  private final Clock clock;
  private final CatalogBackend store;
  private final Users users;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final Approvals approvals;
  private final CodeRegistry registry;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
  private final FlagEngine ofrepEngine;
  private final dev.turnout.ofrep.OfrepService ofrep;
  private final Javalin app;
  private final List<String> writeRoutes = new ArrayList<>();
  private final List<String> readOnlyPosts = List.of("/login", "/logout", "/set-password",
      "/ofrep/v1/evaluate/flags/{key}", "/ofrep/v1/evaluate/flags");
  /** How long a one-time set-password link works. */
  static final java.time.Duration LINK_VALID = java.time.Duration.ofHours(24);

  public ConsoleServer(ConsoleConfig config) {
    this(config, Clock.systemUTC());
  }

  ConsoleServer(ConsoleConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.store = config.source() != null
        ? new EtcdStore(config.source(), config.users().toAbsolutePath().resolveSibling("turnout-console-"
            + dev.turnout.etcd.EtcdTarget.parse(config.source()).key().replaceAll("[^A-Za-z0-9._-]+", "_")), clock)
        : new CatalogStore(config.catalog(), clock, new GitCommits(config.git(), "turnout-console.invalid"));
    this.users = new Users(config.users(), Users.STRENGTH);
    this.sessions = new Sessions(Sessions.fileFor(config.users()), clock);
    this.throttle = new LoginThrottle(clock);
    this.approvals = new Approvals(store.pendingBase(), config.approvals());
    this.registry = config.app() == null ? CodeRegistry.none() : CodeRegistry.read(config.app());
    // OFREP answers from the catalog as saved, in one environment, like any JVM that reads the file.
    this.ofrepEngine = FlagEngine.builder().source(store.source())
        .environment(config.ofrepEnvironment()).watch(true).build();
    this.ofrep = new dev.turnout.ofrep.OfrepService(ofrepEngine);
    this.app = Javalin.create(c -> {
      c.jetty.host = config.bind();
      c.jetty.port = config.port();
      c.startup.showJavalinBanner = false;
      c.http.maxRequestSize = 8L << 20;
      c.routes.before(this::guard);
      c.routes.get("/", ctx -> ctx.redirect("/flags"));
      c.routes.get("/static/console.css", this::css);
      c.routes.get("/favicon.ico", ctx -> ctx.status(204));
      c.routes.get("/login", this::loginPage);
      c.routes.post("/login", this::login);
      c.routes.post("/logout", this::logout);
      c.routes.get("/flags", this::flags);
      c.routes.get("/flags/{key}", this::flag);
      c.routes.get("/new", this::newFlag);
      c.routes.get("/who", this::who);
      c.routes.get("/segments", this::segments);
      c.routes.get("/audit", this::audit);
      c.routes.get("/approvals", this::approvalsPage);
      c.routes.get("/fleet", this::fleet);
      c.routes.get("/users", this::usersPage);
      c.routes.get("/users/{name}", this::userPage);
      c.routes.get("/set-password", this::setPasswordPage);
      c.routes.post("/set-password", this::setPassword);
      write(c, "/users/add", this::addUser);
      write(c, "/users/password", this::resetPassword);
      write(c, "/users/link", this::passwordLink);
      write(c, "/users/roles", this::changeRoles);
      write(c, "/users/disable", ctx -> disable(ctx, true));
      write(c, "/users/enable", ctx -> disable(ctx, false));
      write(c, "/users/delete", this::deleteUser);
      c.routes.get("/api/flags", this::apiFlags);
      c.routes.post("/ofrep/v1/evaluate/flags/{key}", ctx -> send(ctx, ofrep.evaluateFlag(ctx.pathParam("key"),
          ctx.bodyAsBytes())));
      c.routes.post("/ofrep/v1/evaluate/flags", ctx -> send(ctx, ofrep.evaluateAll(ctx.bodyAsBytes(),
          ctx.header("If-None-Match"))));
      write(c, "/changes/preview", this::preview);
      write(c, "/changes/apply", this::applyForm);
      write(c, "/approvals/{id}/accept", this::accept);
      write(c, "/approvals/{id}/reject", this::reject);
      write(c, "/api/changes", this::apiChange);
      c.routes.exception(Halt.class, (h, ctx) -> {
        if (h.status == 303) {
          ctx.redirect(h.getMessage(), io.javalin.http.HttpStatus.SEE_OTHER);
        } else {
          error(ctx, h.status, h.title, h.getMessage());
        }
      });
      c.routes.exception(EditException.class, (e, ctx) -> error(ctx, 400, "This change cannot be made", e.getMessage()));
      c.routes.exception(Exception.class, (e, ctx) -> {
        LOG.log(Level.WARNING, "console request failed", e);
        error(ctx, 500, "Something went wrong", String.valueOf(e.getMessage()));
      });
    });
  }

  private void write(io.javalin.config.JavalinConfig c, String path, io.javalin.http.Handler handler) {
    writeRoutes.add(path);
    c.routes.post(path, handler);
  }

  public ConsoleServer start() {
    app.start();
    return this;
  }

  public int port() {
    return app.port();
  }

  /** The catalog's name: the file name, or the etcd address (without credentials). */
  public String catalogName() {
    return store.name();
  }

  /** Every POST route the router serves that changes something (login and logout excluded). */
  List<String> writeRoutes() {
    List<String> posts = new ArrayList<>();
    for (ParsedEndpoint e : app.unsafe.internalRouter.allHttpHandlers()) {
      if (e.endpoint.method == HandlerType.POST && !readOnlyPosts.contains(e.endpoint.path)) {
        posts.add(e.endpoint.path);
      }
    }
    return posts;
  }

  @Override
  public void close() {
    app.stop();
    ofrepEngine.close();
    store.close();
  }

  private static void send(Context ctx, dev.turnout.ofrep.OfrepResponse r) {
    ctx.status(r.status());
    r.headers().forEach(ctx::header);
    if (r.contentType() != null) {
      ctx.contentType(r.contentType());
    }
    if (r.body() != null && r.body().length > 0) {
      ctx.result(r.body());
    }
  }

  // ---- security: headers, authentication, CSRF, roles ----

  private void guard(Context ctx) {
    ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    if (secure(ctx)) {
      ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
    String path = ctx.path();
    if (path.equals("/login") || path.equals("/set-password") || path.equals("/static/console.css")
        || path.equals("/favicon.ico")) {
      return;
    }
    boolean write = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD;
    Users.User user = null;
    boolean token = false;
    String authorization = ctx.header("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      user = users.token(authorization.substring(7).trim()).orElse(null);
      if (user == null) {
        halt(ctx, 401, "Not logged in", "That API token is not known.");
      }
      token = true;
    } else if (config.proxyUserHeader() != null) {
      String name = ctx.header(config.proxyUserHeader());
      if (name == null || name.isBlank()) {
        halt(ctx, 401, "Not logged in", "The proxy in front of the console did not say who you are.");
      }
      user = users.find(name.trim()).filter(u -> !u.disabled()).orElse(null);
      if (user == null) {
        halt(ctx, 403, "Not a console user", "'" + name.trim() + "' has no roles in this console: ask an admin.");
      }
      Sessions.Session s = sessions.find(ctx.cookie(SESSION_COOKIE)).filter(x -> x.user().equals(name.trim()))
          .orElse(null);
      if (s == null) {
        s = sessions.create(name.trim(), users.stamp(name.trim()));
        setCookie(ctx, SESSION_COOKIE, s.id());
      }
      ctx.attribute(SESSION, s);
    } else {
      Sessions.Session s = sessions.find(ctx.cookie(SESSION_COOKIE)).orElse(null);
      if (s != null) {
        // The user's roles are read anew on every request; a disabled or deleted user, or a session opened before
        // the password changed, is refused (and the session ended).
        user = users.find(s.user()).filter(u -> !u.disabled() && users.stamp(u.name()).equals(s.stamp()))
            .orElse(null);
        if (user == null) {
          sessions.remove(s.id());
        } else {
          ctx.attribute(SESSION, s);
        }
      }
      if (user == null) {
        if (!write && !path.startsWith("/api/")) {
          throw Halt.redirect("/login");
        }
        halt(ctx, 401, "Not logged in", "Log in first.");
      }
    }
    ctx.attribute(USER, user);
    if (write && !token) {
      Sessions.Session s = ctx.attribute(SESSION);
      String sent = ctx.formParam("csrf");
      if (s == null || sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
          s.csrf().getBytes(StandardCharsets.UTF_8))) {
        halt(ctx, 403, "Refused", "This form is out of date or did not come from the console (no valid CSRF token): "
            + "reload the page and try again.");
      }
    }
    if (path.startsWith("/ofrep/")) {
      if (!token) {
        halt(ctx, 401, "Not logged in", "OFREP needs an API token: Authorization: Bearer TOKEN");
      }
      return;
    }
    if (path.equals("/users") || path.startsWith("/users/")) {
      if (token || !user.isAdmin()) {
        halt(ctx, 403, "Not allowed", token ? "Users are managed in the console by an admin, not with API tokens."
            : user.name() + " may not manage users: that needs the admin role in every environment.");
      }
      return;
    }
    if (write && !readOnlyPosts.contains(path)) {
      Role needed = path.startsWith("/approvals/") ? Role.APPROVER : Role.EDITOR;
      Role highest = user.highest();
      if (highest == null || !highest.allows(needed)) {
        halt(ctx, 403, "Not allowed", user.name() + " may only look: changing flags needs the " + needed.label()
            + " role.");
      }
    }
  }

  private static void halt(Context ctx, int status, String title, String message) {
    throw new Halt(status, title, message);
  }

  private boolean secure(Context ctx) {
    return config.secureCookies() || "https".equalsIgnoreCase(ctx.scheme())
        || config.proxyUserHeader() != null && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }

  private void setCookie(Context ctx, String name, String value) {
    ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict"
        + (secure(ctx) ? "; Secure" : ""));
  }

  private Users.User user(Context ctx) {
    return Objects.requireNonNull(ctx.attribute(USER));
  }

  private Views.Frame frameOrNull(Context ctx) {
    Users.User u = ctx.attribute(USER);
    return u == null ? null : frame(ctx);
  }

  private Views.Frame frame(Context ctx) {
    Users.User u = user(ctx);
    Sessions.Session s = ctx.attribute(SESSION);
    StringBuilder roles = new StringBuilder();
    u.roles().forEach((env, role) -> roles.append(roles.length() == 0 ? "" : ", ")
        .append(env.equals("*") ? "" : env + ": ").append(role.label()));
    return new Views.Frame(u.name(), roles.toString(), s == null ? "" : s.csrf(), approvals.all().size(),
        store.name(), store.hasFleet(), u.isAdmin() && !u.token());
  }

  // ---- login ----

  private void loginPage(Context ctx) {
    if (config.proxyUserHeader() != null) {
      ctx.redirect("/flags");
      return;
    }
    ctx.html(render("login.jte", new Views.LoginPage(null, "", loginNonce(ctx))));
  }

  private void login(Context ctx) {
    if (config.proxyUserHeader() != null) {
      ctx.redirect("/flags");
      return;
    }
    String name = Objects.requireNonNullElse(ctx.formParam("name"), "").trim();
    String password = Objects.requireNonNullElse(ctx.formParam("password"), "");
    String cookie = ctx.cookie(LOGIN_COOKIE);
    String sent = ctx.formParam("csrf");
    String nonce = loginNonce(ctx);
    if (cookie == null || sent == null || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
        sent.getBytes(StandardCharsets.UTF_8))) {
      ctx.status(403).html(render("login.jte", new Views.LoginPage(
          "This login form is out of date or did not come from the console: try again.", name, nonce)));
      return;
    }
    if (throttle.isLocked(name)) {
      ctx.status(429).html(render("login.jte", new Views.LoginPage("Too many failed logins for '" + name
          + "': this account is locked for " + LoginThrottle.LOCKOUT.toMinutes() + " minutes.", name, nonce)));
      return;
    }
    Users.User user = users.authenticate(name, password).orElse(null);
    if (user == null) {
      throttle.failed(name);
      ctx.status(401).html(render("login.jte", new Views.LoginPage("Wrong user name or password.", name, nonce)));
      return;
    }
    throttle.succeeded(name);
    sessions.remove(ctx.cookie(SESSION_COOKIE));
    Sessions.Session s = sessions.create(user.name(), users.stamp(user.name()));
    setCookie(ctx, SESSION_COOKIE, s.id());
    ctx.redirect("/flags", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /**
   * The login form's CSRF token: a random value in a cookie of its own, repeated in the form (the browser's other
   * requests, such as its icon, must not replace it while the form is open).
   */
  private String loginNonce(Context ctx) {
    String nonce = ctx.cookie(LOGIN_COOKIE);
    if (nonce == null || !nonce.matches("[A-Za-z0-9_-]{43}")) {
      nonce = sessions.randomId();
      setCookie(ctx, LOGIN_COOKIE, nonce);
    }
    return nonce;
  }

  private void logout(Context ctx) {
    Sessions.Session s = ctx.attribute(SESSION);
    if (s != null) {
      sessions.remove(s.id());
    }
    ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  // ---- pages ----

  private List<String> environments(Catalog catalog) {
    TreeSet<String> envs = new TreeSet<>(config.environments());
    if (catalog != null) {
      catalog.flags().values().forEach(f -> envs.addAll(f.environments().keySet()));
    }
    envs.addAll(config.approvals().stream().filter(e -> !e.equals("*")).toList());
    List<String> out = new ArrayList<>();
    out.add(CatalogEdits.BASE);
    out.addAll(envs);
    return out;
  }

  private void flags(Context ctx) {
    CatalogStore.Snapshot snap = store.read();
    String q = param(ctx, "q").toLowerCase(Locale.ROOT);
    String kind = param(ctx, "kind");
    String owner = param(ctx, "owner");
    String tag = param(ctx, "tag");
    String env = param(ctx, "env");
    String status = param(ctx, "status");
    List<Views.FlagRow> rows = new ArrayList<>();
    TreeSet<String> kinds = new TreeSet<>();
    TreeSet<String> owners = new TreeSet<>();
    List<String> envs = environments(snap.catalog());
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    if (snap.catalog() != null) {
      for (Catalog.Flag f : snap.catalog().flags().values()) {
        if (f.kind() != null) {
          kinds.add(f.kind());
        }
        if (f.owner() != null) {
          owners.add(f.owner());
        }
        boolean expired = f.expires() != null && f.expires().isBefore(today);
        String text = (f.key() + " " + Objects.requireNonNullElse(f.description(), "") + " "
            + Objects.requireNonNullElse(f.ticket(), "")).toLowerCase(Locale.ROOT);
        if (!q.isEmpty() && !text.contains(q) || !kind.isEmpty() && !kind.equals(f.kind())
            || !owner.isEmpty() && !owner.equals(f.owner()) || !tag.isEmpty() && !f.tags().contains(tag)
            || !env.isEmpty() && !env.equals(CatalogEdits.BASE) && !f.environments().containsKey(env)
            || status.equals("expired") && !expired
            || status.equals("stale") && !(expired || f.expires() != null && f.expires().isBefore(today.plusDays(30)))
            || status.equals("off") && f.settingsFor(env.isEmpty() || env.equals(CatalogEdits.BASE) ? null : env).isEnabled()) {
          continue;
        }
        List<Views.Pair> states = new ArrayList<>();
        for (String e : envs) {
          states.add(new Views.Pair(e, state(f, e)));
        }
        rows.add(new Views.FlagRow(f.key(), Objects.requireNonNullElse(f.kind(), ""),
            Objects.requireNonNullElse(f.owner(), ""), String.join(", ", f.tags()),
            Objects.requireNonNullElse(f.description(), ""), states,
            f.expires() == null ? "" : f.expires().toString(), expired));
      }
    }
    ctx.html(render("flags.jte", new Views.FlagsPage(frame(ctx), param(ctx, "q"), kind, owner, tag, env, status,
        List.copyOf(kinds), List.copyOf(owners), envs, rows, snap.problems())));
  }

  private static String state(Catalog.Flag f, String env) {
    Catalog.Settings s = f.settingsFor(CatalogEdits.BASE.equals(env) ? null : env);
    if (!s.isEnabled()) {
      return "off";
    }
    if (s.percentage() != null) {
      return "on · " + percent(s.percentage()) + " %";
    }
    return "on";
  }

  private static String percent(int thousandths) {
    return new java.math.BigDecimal(thousandths).movePointLeft(3).stripTrailingZeros().toPlainString();
  }

  private void flag(Context ctx) {
    String key = ctx.pathParam("key");
    CatalogStore.Snapshot snap = store.read();
    Catalog.Flag f = snap.catalog() == null ? null : snap.catalog().flags().get(key);
    if (f == null) {
      error(ctx, 404, "No such flag", "The catalog has no flag '" + key + "'.");
      return;
    }
    Users.User user = user(ctx);
    List<Views.Pair> meta = new ArrayList<>();
    meta.add(new Views.Pair("Description", Objects.requireNonNullElse(f.description(), "")));
    meta.add(new Views.Pair("Kind", Objects.requireNonNullElse(f.kind(), "")));
    meta.add(new Views.Pair("Owner", Objects.requireNonNullElse(f.owner(), "")));
    meta.add(new Views.Pair("Ticket", Objects.requireNonNullElse(f.ticket(), "")));
    meta.add(new Views.Pair("Created", f.created() == null ? "" : f.created().toString()));
    meta.add(new Views.Pair("Expires", f.expires() == null ? "" : f.expires().toString()));
    meta.add(new Views.Pair("Tags", String.join(", ", f.tags())));
    List<String> variants = new ArrayList<>();
    f.variants().forEach((name, value) -> variants.add(f.isBoolean() ? name : name + " = " + value));
    List<Views.EnvView> envs = new ArrayList<>();
    for (String e : environments(snap.catalog())) {
      String env = CatalogEdits.BASE.equals(e) ? null : e;
      Catalog.Settings s = f.settingsFor(env);
      Catalog.Settings own = env == null ? f.settings() : f.environments().get(env);
      List<String> rules = new ArrayList<>();
      for (Catalog.Rule r : s.rulesOrEmpty()) {
        rules.add(RuleText.describe(r));
      }
      List<String> schedule = new ArrayList<>();
      s.scheduleOrEmpty().forEach(st -> schedule.add(st.at() + " → " + percent(st.percentage()) + " %"));
      envs.add(new Views.EnvView(e, s.isEnabled(), f.defaultVariant(env), f.offVariant(env), rules,
          own != null && own.rules() != null, String.join(", ", s.allowOrEmpty()),
          s.percentage() == null ? "" : percent(s.percentage()), schedule, user.may(e, Role.EDITOR),
          approvals.needed(e), f.isBoolean()));
    }
    ctx.html(render("flag.jte", new Views.FlagPage(frame(ctx), key, meta, variants, envs, registry.gatesOf(key),
        registry.problem(), flagBlock(snap.text(), key), snap.revision(),
        user.may(Edit.ALL, Role.EDITOR), store.applyNote())));
  }

  /** The flag's entry as the catalog writes it, for the rule editor: JSON for a JSON catalog, else YAML. */
  private String flagBlock(String text, String key) {
    return CatalogWriter.of(store.format(text) == dev.turnout.CatalogFormat.JSON ? dev.turnout.CatalogFormat.JSON
        : dev.turnout.CatalogFormat.YAML).flagBlock(text, key);
  }

  private void newFlag(Context ctx) {
    CatalogStore.Snapshot snap = store.read();
    ctx.html(render("new.jte", new Views.Pair(frame(ctx).csrf(), snap.revision()), frame(ctx)));
  }

  private void who(Context ctx) {
    CatalogStore.Snapshot snap = store.read();
    String key = param(ctx, "key");
    String attributes = param(ctx, "attributes");
    String env = param(ctx, "env");
    List<Views.WhoRow> rows = new ArrayList<>();
    String error = null;
    if (!key.isEmpty() || !attributes.isEmpty()) {
      EvaluationContext context = key.isEmpty() ? EvaluationContext.anonymous() : EvaluationContext.of(key);
      for (String line : attributes.split("\\R")) {
        if (line.isBlank()) {
          continue;
        }
        int eq = line.indexOf('=');
        if (eq <= 0) {
          error = "Write each attribute as name=value, one a line ('" + line.strip() + "' is not).";
          break;
        }
        context = context.with(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
      if (error == null) {
        FlagEngine.Builder b = FlagEngine.builder().source(CatalogSource.of(store.name(),
            snap.text(), store.format())).watch(false);
        if (!env.isEmpty() && !env.equals(CatalogEdits.BASE)) {
          b.environment(env);
        }
        try (FlagEngine engine = b.build()) {
          for (String flag : engine.flagKeys()) {
            Evaluation ev = engine.evaluate(flag, context);
            rows.add(new Views.WhoRow(flag, ev.variant(), String.valueOf(ev.value()),
                ev.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (ev.ruleIndex() >= 0 ? " (rule " + (ev.ruleIndex() + 1) + ")" : ""), ev.isEnabled()));
          }
        }
      }
    }
    ctx.html(render("who.jte", new Views.WhoPage(frame(ctx), key, attributes, env, environments(snap.catalog()), rows,
        error)));
  }

  private void segments(Context ctx) {
    CatalogStore.Snapshot snap = store.read();
    List<Views.SegmentView> list = new ArrayList<>();
    if (snap.catalog() != null) {
      for (Catalog.Segment s : snap.catalog().segments().values()) {
        List<String> usedBy = new ArrayList<>();
        for (Catalog.Flag f : snap.catalog().flags().values()) {
          if (RuleText.mentionsSegment(f, s.name())) {
            usedBy.add(f.key());
          }
        }
        list.add(new Views.SegmentView(s.name(), String.join("\n", new TreeSet<>(s.keys())),
            s.when() == null ? "" : RuleText.describe(s.when()), usedBy));
      }
    }
    ctx.html(render("segments.jte", new Views.SegmentsPage(frame(ctx), list, snap.revision(),
        user(ctx).may(Edit.ALL, Role.EDITOR))));
  }

  private void audit(Context ctx) {
    String flag = param(ctx, "flag");
    List<Views.AuditRow> rows = new ArrayList<>();
    for (AuditTrail.Entry e : store.audit(500)) {
      if (!flag.isEmpty() && (e.flag() == null || !List.of(e.flag().split(", ")).contains(flag))) {
        continue;
      }
      rows.add(new Views.AuditRow(e.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), e.user(), e.action(), Objects.requireNonNullElse(e.flag(), ""),
          Objects.requireNonNullElse(e.environment(), ""), e.reason(), Views.diffLines(e.diff())));
    }
    ctx.html(render("audit.jte", new Views.AuditPage(frame(ctx), flag, rows)));
  }

  private void fleet(Context ctx) {
    if (!(store instanceof EtcdStore etcd)) {
      error(ctx, 404, "No fleet", "The fleet page shows the JVMs that watch a catalog in etcd: start the console with "
          + "--source etcd://HOST:PORT/KEY. JVMs that read a catalog file do not report which version they run.");
      return;
    }
    String readAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    dev.turnout.etcd.admin.Fleet fleet;
    try {
      fleet = etcd.fleet();
    } catch (RuntimeException e) {
      ctx.status(503).html(render("fleet.jte", new Views.FleetPage(frame(ctx), etcd.target().key(), 0, readAt,
          List.of(), List.of(), List.of(), "etcd could not be asked who runs what: " + e.getMessage())));
      return;
    }
    List<Views.FleetRow> rows = new ArrayList<>();
    for (dev.turnout.etcd.admin.Fleet.Member m : fleet.members()) {
      dev.turnout.etcd.FleetReport r = m.report();
      rows.add(new Views.FleetRow(r.instance(), Objects.requireNonNullElse(r.app(), ""),
          Objects.requireNonNullElse(r.host(), ""), r.pid(), r.revision(), r.origin(),
          r.appliedAt() == null ? "never" : r.appliedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
          m.status().name().toLowerCase(Locale.ROOT).replace('_', ' '), m.behindBy(),
          Objects.requireNonNullElse(r.problem(), "")));
    }
    List<String> counts = new ArrayList<>();
    for (dev.turnout.etcd.admin.Fleet.Status status : dev.turnout.etcd.admin.Fleet.Status.values()) {
      int n = fleet.count(status);
      if (n > 0) {
        counts.add(n + " " + status.name().toLowerCase(Locale.ROOT).replace('_', ' '));
      }
    }
    ctx.html(render("fleet.jte", new Views.FleetPage(frame(ctx), fleet.key(), fleet.catalogRevision(), readAt, rows,
        counts, fleet.unreadable(), null)));
  }

  private void approvalsPage(Context ctx) {
    Users.User user = user(ctx);
    List<Views.PendingView> list = new ArrayList<>();
    for (Approvals.Pending p : approvals.all()) {
      String env = Edit.environment(p.edit());
      boolean own = p.user().equals(user.name());
      boolean may = user.may(env, Role.APPROVER);
      list.add(new Views.PendingView(p.id(), p.user(), Edit.describe(p.edit()), Objects.requireNonNullElse(p.flag(), ""),
          env, p.reason(), p.created(), Views.diffLines(p.diff()), may && !own,
          own ? "You proposed this change: another approver decides." : may ? "" : "Needs the approver role in " + env + "."));
    }
    ctx.html(render("approvals.jte", new Views.ApprovalsPage(frame(ctx), list)));
  }

  // ---- changes ----

  private void preview(Context ctx) {
    Map<String, String> edit = Edit.fromForm(ctx.formParamMap());
    String base = Objects.requireNonNullElse(ctx.formParam("revision"), "");
    String env = authorize(ctx, edit);
    CatalogStore.Snapshot snap = store.read();
    if (!snap.revision().equals(base)) {
      conflict(ctx, store.conflict(base, snap, edited(snap, edit)));
      return;
    }
    String after = edited(snap, edit);
    List<String> problems = store.validate(after);
    if (!problems.isEmpty()) {
      ctx.status(400).html(render("result.jte", new Views.Result(frame(ctx), "invalid", "This change would break the catalog",
          "Nothing was saved. The runtime's reader refuses the result:", Views.diffLines(store.diff(snap.text(), after)),
          List.of(), problems, back(edit))));
      return;
    }
    List<Views.Pair> hidden = new ArrayList<>();
    edit.forEach((k, v) -> hidden.add(new Views.Pair(k, v)));
    hidden.add(new Views.Pair("revision", base));
    String note = "new".equals(edit.get("action")) ? "A new flag serves nothing until the code checks it: it needs a "
        + "gate in the code and a build. " + store.applyNote()
        : "archive".equals(edit.get("action")) ? ARCHIVE_NOTE.formatted(edit.get("flag")) + " " + store.applyNote()
        : store.applyNote();
    ctx.html(render("preview.jte", new Views.Preview(frame(ctx), Edit.describe(edit), edit.get("flag"),
        store.changed(), Views.diffLines(store.diff(snap.text(), after)), hidden, "/changes/apply", needsApproval(env), note,
        back(edit))));
  }

  /** The catalog's text with {@code edit} made, in the catalog's syntax. */
  private String edited(CatalogStore.Snapshot snap, Map<String, String> edit) {
    return Edit.apply(store.format(snap.text()), snap.text(), edit);
  }

  private boolean needsApproval(String env) {
    return Edit.ALL.equals(env) ? !approvals.environments().isEmpty() : approvals.needed(env);
  }

  private String authorize(Context ctx, Map<String, String> edit) {
    if (store.format() != dev.turnout.CatalogFormat.YAML && store.format() != dev.turnout.CatalogFormat.JSON) {
      throw new EditException("The console edits YAML and JSON catalogs; " + store.name() + " is "
          + store.format() + ": edit it in the file.");
    }
    String env = Edit.environment(edit);
    Users.User user = user(ctx);
    if (!user.may(env, Role.EDITOR)) {
      halt(ctx, 403, "Not allowed", user.name() + " may not change " + (Edit.ALL.equals(env)
          ? "flag definitions, segments or add flags (needs the editor role in every environment)"
          : "flags in " + env + " (needs the editor role there)") + ".");
    }
    return env;
  }

  private void applyForm(Context ctx) {
    Map<String, String> edit = Edit.fromForm(ctx.formParamMap());
    String base = Objects.requireNonNullElse(ctx.formParam("revision"), "");
    String reason = Objects.requireNonNullElse(ctx.formParam("reason"), "").strip();
    String env = authorize(ctx, edit);
    if (reason.isEmpty()) {
      throw new EditException("Say why: every change needs a reason, which the audit trail keeps.");
    }
    if (reason.codePoints().anyMatch(c -> Character.isISOControl(c)) || reason.length() > 500) {
      throw new EditException("The reason must be one line of text, at most 500 characters.");
    }
    CatalogStore.Snapshot snap = store.read();
    if (needsApproval(env)) {
      if (!snap.revision().equals(base)) {
        conflict(ctx, store.conflict(base, snap, edited(snap, edit)));
        return;
      }
      String after = edited(snap, edit);
      String diff = store.diff(snap.text(), after);
      approvals.add(new Approvals.Pending(UUID.randomUUID().toString(), user(ctx).name(),
          clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
          base, edit, reason, diff));
      ctx.html(render("result.jte", new Views.Result(frame(ctx), "pending", "Waiting for approval",
          "Changes to " + (Edit.ALL.equals(env) ? "every environment" : env) + " need a second person: an approver "
              + "accepts or rejects it on the Approvals page. Nothing is saved until then.",
          Views.diffLines(diff), List.of(), List.of(), "/approvals")));
      return;
    }
    String after = edited(snap, edit);
    CatalogStore.Outcome outcome = store.save(base, after, user(ctx).name(), Edit.describe(edit), edit.get("flag"), env,
        reason);
    outcome(ctx, outcome, edit);
  }

  private void outcome(Context ctx, CatalogStore.Outcome outcome, Map<String, String> edit) {
    if (outcome instanceof CatalogStore.Saved saved) {
      String note = "new".equals(edit.get("action")) ? "The flag is in the catalog. It serves nothing until the code "
          + "checks it: add a gate (@FeatureFlag or Turnout.isEnabled) for '" + edit.get("key") + "' and build the "
          + "application. " + store.applyNote()
          : "archive".equals(edit.get("action")) ? ARCHIVE_NOTE.formatted(edit.get("flag")) + " " + store.applyNote()
          : store.applyNote();
      ctx.html(render("result.jte", new Views.Result(frame(ctx), "saved", "Saved", note,
          Views.diffLines(saved.diff()), List.of(), List.of(), back(edit))));
    } else if (outcome instanceof CatalogStore.Conflict c) {
      conflict(ctx, c);
    } else if (outcome instanceof CatalogStore.Invalid i) {
      ctx.status(400).html(render("result.jte", new Views.Result(frame(ctx), "invalid",
          "This change would break the catalog", "Nothing was saved.", List.of(), List.of(), i.problems(), back(edit))));
    }
  }

  private void conflict(Context ctx, CatalogStore.Conflict c) {
    ctx.status(409).html(render("result.jte", new Views.Result(frame(ctx), "conflict",
        "Someone else changed the catalog first",
        "Nothing was saved: the catalog changed after you opened the page. Their change is below; open the flag "
            + "again to see the catalog as it is now and make your change on it.",
        Views.diffLines(c.yourChange()), Views.diffLines(c.otherChange()), List.of(), "/flags")));
  }

  private static String back(Map<String, String> edit) {
    if (edit.get("flag") != null) {
      return "/flags/" + edit.get("flag");
    }
    if ("segment".equals(edit.get("action"))) {
      return "/segments";
    }
    return "/flags";
  }

  private void accept(Context ctx) {
    Approvals.Pending p = approvals.get(ctx.pathParam("id")).orElse(null);
    Users.User user = user(ctx);
    if (p == null) {
      error(ctx, 404, "No such change", "That change is no longer waiting: someone decided already.");
      return;
    }
    String env = Edit.environment(p.edit());
    if (!user.may(env, Role.APPROVER) || p.user().equals(user.name())) {
      halt(ctx, 403, "Not allowed", p.user().equals(user.name()) ? "Another approver must accept your own change."
          : user.name() + " is not an approver in " + env + ".");
    }
    CatalogStore.Snapshot snap = store.read();
    CatalogStore.Outcome outcome = !p.base().equals(snap.revision())
        ? store.conflict(p.base(), snap, edited(snap, p.edit()))
        : store.save(p.base(), edited(snap, p.edit()), p.user() + " (approved by " + user.name() + ")",
            Edit.describe(p.edit()), p.flag(), env, p.reason());
    if (!(outcome instanceof CatalogStore.Conflict)) {
      approvals.remove(p.id());
    }
    outcome(ctx, outcome, p.edit());
  }

  private void reject(Context ctx) {
    Approvals.Pending p = approvals.get(ctx.pathParam("id")).orElse(null);
    Users.User user = user(ctx);
    if (p != null && !user.may(Edit.environment(p.edit()), Role.APPROVER)) {
      halt(ctx, 403, "Not allowed", user.name() + " is not an approver in " + Edit.environment(p.edit()) + ".");
    }
    if (p != null) {
      approvals.remove(p.id());
      LOG.info("change " + p.id() + " by " + p.user() + " rejected by " + user.name());
    }
    ctx.redirect("/approvals", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  // ---- user administration (admins in every environment only; see guard) ----

  private static final List<String> ROLE_LABELS = List.of("viewer", "editor", "approver", "admin");

  /** The environments a role can be given in: every one ({@code *}), then those the catalog and options name. */
  private List<String> roleEnvironments() {
    CatalogStore.Snapshot snap = store.read();
    List<String> envs = new ArrayList<>();
    envs.add(Edit.ALL);
    envs.addAll(environments(snap.catalog()));
    return envs;
  }

  private void usersPage(Context ctx) {
    List<String> envs = roleEnvironments();
    List<Views.UserRow> rows = new ArrayList<>();
    for (Users.User u : users.all()) {
      List<String> roles = new ArrayList<>();
      for (String e : envs) {
        Role r = u.roles().get(e);
        roles.add(r == null ? "" : r.label());
      }
      for (Map.Entry<String, Role> e : u.roles().entrySet()) {
        if (!envs.contains(e.getKey())) {
          roles.add(e.getKey() + ": " + e.getValue().label());
        }
      }
      rows.add(new Views.UserRow(u.name(), roles, status(u), sessions.count(u.name())));
    }
    List<Views.AuditRow> history = new ArrayList<>();
    for (AuditTrail.Entry e : AuditTrail.read(userAudit(), 50)) {
      history.add(new Views.AuditRow(e.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), e.user(),
          e.action(), "", "", e.reason(), Views.diffLines(e.diff())));
    }
    ctx.html(render("users.jte", new Views.UsersPage(frame(ctx), envs, rows, roleChoices(envs, Map.of()), history)));
  }

  private String status(Users.User u) {
    return u.disabled() ? "disabled" : users.linkPending(u.name()) ? "waiting for a password (link)" : "active";
  }

  private static List<Views.RoleChoice> roleChoices(List<String> envs, Map<String, Role> roles) {
    List<Views.RoleChoice> out = new ArrayList<>();
    for (String e : envs) {
      Role r = roles.get(e);
      out.add(new Views.RoleChoice(e, e.equals(Edit.ALL) ? "Every environment" : e, r == null ? "" : r.label(),
          ROLE_LABELS));
    }
    for (Map.Entry<String, Role> e : roles.entrySet()) {
      if (!envs.contains(e.getKey())) {
        out.add(new Views.RoleChoice(e.getKey(), e.getKey(), e.getValue().label(), ROLE_LABELS));
      }
    }
    return out;
  }

  private void userPage(Context ctx) {
    userPage(ctx, ctx.pathParam("name"), null, null);
  }

  private void userPage(Context ctx, String name, String message, String link) {
    Users.User u = users.find(name).orElse(null);
    if (u == null) {
      error(ctx, 404, "No such user", "There is no user '" + name + "'.");
      return;
    }
    ctx.html(render("user.jte", new Views.UserPage(frame(ctx), u.name(), roleChoices(roleEnvironments(), u.roles()),
        status(u), u.disabled(), u.name().equals(user(ctx).name()), sessions.count(u.name()), message, link)));
  }

  private Path userAudit() {
    return users.file().resolveSibling(users.file().getFileName() + ".audit.jsonl");
  }

  /** The reason every user change needs, like a flag change. */
  private static String reason(Context ctx) {
    String reason = Objects.requireNonNullElse(ctx.formParam("reason"), "").strip();
    if (reason.isEmpty()) {
      throw new EditException("Say why: every change to a user needs a reason, which the audit trail keeps.");
    }
    if (reason.codePoints().anyMatch(Character::isISOControl) || reason.length() > 500) {
      throw new EditException("The reason must be one line of text, at most 500 characters.");
    }
    return reason;
  }

  private static String target(Context ctx) {
    return Objects.requireNonNullElse(ctx.formParam("name"), "").strip();
  }

  /** The roles chosen in a form: {@code role.ENV} = a role, or empty for none. */
  private static Map<String, Role> formRoles(Context ctx) {
    Map<String, Role> roles = new LinkedHashMap<>();
    ctx.formParamMap().forEach((k, v) -> {
      if (k.startsWith("role.") && !v.isEmpty() && !v.get(0).isBlank()) {
        try {
          roles.put(k.substring(5), Role.parse(v.get(0)));
        } catch (IllegalArgumentException e) {
          throw new EditException(e.getMessage());
        }
      }
    });
    return roles;
  }

  private static String rolesText(Map<String, Role> roles) {
    StringBuilder b = new StringBuilder();
    roles.forEach((e, r) -> b.append(b.length() == 0 ? "" : ", ").append(e).append('=').append(r.label()));
    return b.length() == 0 ? "(none)" : b.toString();
  }

  private void audited(Context ctx, String action, String subject, String reason, String diff) {
    AuditTrail.append(userAudit(), new AuditTrail.Entry(clock.instant(), user(ctx).name(), action, subject, null,
        reason, null, null, diff));
    LOG.info(user(ctx).name() + ": " + action + ": " + reason);
  }

  private void addUser(Context ctx) {
    String name = target(ctx);
    String reason = reason(ctx);
    Map<String, Role> roles = formRoles(ctx);
    boolean link = "link".equals(ctx.formParam("method"));
    String password = Objects.requireNonNullElse(ctx.formParam("password"), "");
    if (!Users.NAME.matcher(name).matches()) {
      throw new EditException("'" + name + "' is not a user name: letters, digits, '.', '_', '@' and '-', up to 64");
    }
    users.addUser(name, link ? null : password.toCharArray(), roles);
    String token = link ? users.passwordLink(name, clock.instant().plus(LINK_VALID)) : null;
    audited(ctx, "Add user '" + name + "'", name, reason, "+roles: " + rolesText(roles) + "\n+password: "
        + (link ? "set by the user with a one-time link" : "set by " + user(ctx).name()));
    userPage(ctx, name, "Added " + name + ".", token == null ? null : linkUrl(ctx, token));
  }

  private String linkUrl(Context ctx, String token) {
    return ctx.scheme() + "://" + ctx.host() + "/set-password?token=" + token;
  }

  private void resetPassword(Context ctx) {
    String name = target(ctx);
    String reason = reason(ctx);
    users.setPassword(name, Objects.requireNonNullElse(ctx.formParam("password"), "").toCharArray());
    int ended = sessions.removeUser(name);
    audited(ctx, "Reset the password of '" + name + "'", name, reason, "~password: set by " + user(ctx).name()
        + "; " + ended + " session(s) ended");
    userPage(ctx, name, "The password of " + name + " is reset; " + ended + " session(s) of theirs ended.", null);
  }

  private void passwordLink(Context ctx) {
    String name = target(ctx);
    String reason = reason(ctx);
    String token = users.passwordLink(name, clock.instant().plus(LINK_VALID));
    int ended = sessions.removeUser(name);
    audited(ctx, "Send a set-password link to '" + name + "'", name, reason, "~password: removed until the link sets "
        + "one; " + ended + " session(s) ended");
    userPage(ctx, name, "The old password of " + name + " no longer works; " + ended + " session(s) of theirs ended. "
        + "Give them this link (valid " + LINK_VALID.toHours() + " hours, once):", linkUrl(ctx, token));
  }

  private void changeRoles(Context ctx) {
    String name = target(ctx);
    String reason = reason(ctx);
    Map<String, Role> roles = formRoles(ctx);
    Users.User before = users.find(name).orElseThrow(() -> new EditException("there is no user '" + name + "'"));
    users.setRoles(name, roles);
    audited(ctx, "Change the roles of '" + name + "'", name, reason, "-roles: " + rolesText(before.roles())
        + "\n+roles: " + rolesText(roles));
    userPage(ctx, name, "The roles of " + name + " are changed; they apply to their next request.", null);
  }

  private void disable(Context ctx, boolean disabled) {
    String name = target(ctx);
    String reason = reason(ctx);
    users.setDisabled(name, disabled);
    int ended = disabled ? sessions.removeUser(name) : 0;
    audited(ctx, (disabled ? "Disable '" : "Enable '") + name + "'", name, reason, disabled
        ? "+disabled: no login; " + ended + " session(s) ended" : "-disabled");
    userPage(ctx, name, disabled ? name + " is disabled: " + ended + " session(s) ended, and logins are refused."
        : name + " may log in again.", null);
  }

  private void deleteUser(Context ctx) {
    String name = target(ctx);
    String reason = reason(ctx);
    Users.User before = users.find(name).orElseThrow(() -> new EditException("there is no user '" + name + "'"));
    users.delete(name);
    int ended = sessions.removeUser(name);
    audited(ctx, "Delete user '" + name + "'", name, reason, "-roles: " + rolesText(before.roles()) + "\n-user: "
        + ended + " session(s) ended");
    ctx.redirect("/users", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void setPasswordPage(Context ctx) {
    String token = param(ctx, "token");
    String name = users.linkUser(token, clock.instant()).orElse(null);
    ctx.status(name == null ? 404 : 200).html(render("setpassword.jte", new Views.SetPasswordPage(name, token,
        loginNonce(ctx), name == null ? "This link is not valid: it was used already, has expired, or was replaced. "
            + "Ask an admin for a new one." : null)));
  }

  private void setPassword(Context ctx) {
    String token = Objects.requireNonNullElse(ctx.formParam("token"), "");
    String cookie = ctx.cookie(LOGIN_COOKIE);
    String sent = ctx.formParam("csrf");
    String nonce = loginNonce(ctx);
    String name = users.linkUser(token, clock.instant()).orElse(null);
    if (cookie == null || sent == null || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
        sent.getBytes(StandardCharsets.UTF_8))) {
      ctx.status(403).html(render("setpassword.jte", new Views.SetPasswordPage(name, token, nonce,
          "This form is out of date or did not come from the console: open the link again.")));
      return;
    }
    String password = Objects.requireNonNullElse(ctx.formParam("password"), "");
    if (name == null) {
      ctx.status(404).html(render("setpassword.jte", new Views.SetPasswordPage(null, token, nonce,
          "This link is not valid: it was used already, has expired, or was replaced. Ask an admin for a new one.")));
      return;
    }
    if (!password.equals(Objects.requireNonNullElse(ctx.formParam("again"), ""))
        || password.length() < Users.MIN_PASSWORD) {
      ctx.status(400).html(render("setpassword.jte", new Views.SetPasswordPage(name, token, nonce,
          "The two passwords must be the same, at least " + Users.MIN_PASSWORD + " characters.")));
      return;
    }
    users.useLink(token, password.toCharArray(), clock.instant());
    sessions.removeUser(name);
    AuditTrail.append(userAudit(), new AuditTrail.Entry(clock.instant(), name, "Set the password of '" + name
        + "' with a one-time link", name, null, "set-password link", null, null, "~password: set by " + name));
    ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  // ---- JSON API ----

  private void apiFlags(Context ctx) throws IOException {
    CatalogStore.Snapshot snap = store.read();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("revision", snap.revision());
    List<Map<String, Object>> flags = new ArrayList<>();
    if (snap.catalog() != null) {
      for (Catalog.Flag f : snap.catalog().flags().values()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", f.key());
        m.put("kind", f.kind());
        m.put("owner", f.owner());
        Map<String, Object> states = new LinkedHashMap<>();
        for (String e : environments(snap.catalog())) {
          states.put(e, state(f, e));
        }
        m.put("environments", states);
        flags.add(m);
      }
    }
    out.put("flags", flags);
    out.put("problems", snap.problems());
    ctx.contentType("application/json").result(JSON.writeValueAsBytes(out));
  }

  /** {@code POST /api/changes}: a JSON object with the edit's fields, {@code revision} and {@code reason}. */
  private void apiChange(Context ctx) throws IOException {
    Map<String, Object> body = JSON.readValue(ctx.bodyAsBytes(),
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
    Map<String, String> edit = new LinkedHashMap<>();
    for (String f : Edit.FIELDS) {
      if (body.get(f) != null) {
        edit.put(f, String.valueOf(body.get(f)));
      }
    }
    String env = authorize(ctx, edit);
    Users.User user = user(ctx);
    Map<String, Object> out = new LinkedHashMap<>();
    if (!user.may(env, Role.EDITOR)) {
      ctx.status(403);
      out.put("error", user.name() + " may not change " + env);
    } else if (needsApproval(env)) {
      ctx.status(409);
      out.put("error", "changes to " + env + " need approval: make them in the console");
    } else {
      String reason = String.valueOf(Objects.requireNonNullElse(body.get("reason"), "")).strip();
      if (reason.isEmpty() || reason.length() > 500 || reason.codePoints().anyMatch(Character::isISOControl)) {
        throw new EditException("a change needs a reason: one line of text, at most 500 characters");
      }
      CatalogStore.Snapshot snap = store.read();
      String base = String.valueOf(Objects.requireNonNullElse(body.get("revision"), snap.revision()));
      CatalogStore.Outcome o = !base.equals(snap.revision()) ? store.conflict(base, snap, snap.text())
          : store.save(base, edited(snap, edit), user.name(), Edit.describe(edit), edit.get("flag"), env,
              reason);
      if (o instanceof CatalogStore.Saved s) {
        out.put("revision", s.revision());
        out.put("diff", s.diff());
      } else if (o instanceof CatalogStore.Conflict c) {
        ctx.status(409);
        out.put("error", "the catalog changed since revision " + base);
        out.put("revision", c.current());
      } else if (o instanceof CatalogStore.Invalid i) {
        ctx.status(400);
        out.put("error", "the change would not validate");
        out.put("problems", i.problems());
      }
    }
    ctx.contentType("application/json").result(JSON.writeValueAsBytes(out));
  }

  // ---- helpers ----

  private void css(Context ctx) throws IOException {
    try (InputStream in = ConsoleServer.class.getResourceAsStream("console.css")) {
      ctx.contentType("text/css").result(Objects.requireNonNull(in).readAllBytes());
    }
  }

  private void error(Context ctx, int status, String title, String message) {
    if (ctx.path().startsWith("/api/") || ctx.path().startsWith("/ofrep/")) {
      ctx.status(status).contentType("application/json").result("{\"error\":" + quote(message) + "}");
      return;
    }
    ctx.status(status).html(render("error.jte", new Views.ErrorPage(frameOrNull(ctx), status, title, message)));
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      return "\"\"";
    }
  }

  private static String param(Context ctx, String name) {
    return Objects.requireNonNullElse(ctx.queryParam(name), "").strip();
  }

  private String render(String template, Object model) {
    StringOutput out = new StringOutput();
    templates.render(template, model, out);
    return out.toString();
  }

  private String render(String template, Object a, Object b) {
    StringOutput out = new StringOutput();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("form", a);
    params.put("frame", b);
    templates.render(template, params, out);
    return out.toString();
  }
}
