package dev.turnout.sample.ops;

import dev.turnout.CatalogException;
import dev.turnout.Evaluation;
import dev.turnout.FlagEngine;
import dev.turnout.sample.data.User;
import dev.turnout.sample.data.Users;
import dev.turnout.sample.web.Html;
import dev.turnout.sample.web.Request;
import dev.turnout.sample.web.Response;
import dev.turnout.sample.web.WebServer;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /flags} page (and {@code /api/flags}): every flag with its owner, expiry and gated methods,
 * what it serves in the active environment (to you, and to each user), how often each variant was
 * served, the experiments' exposures, and the catalog in force, including a rejected edit.
 *
 * <pre>{@code
 * router.get("/flags", flagsPage::page).get("/api/flags", flagsPage::api);
 * }</pre>
 */
public final class FlagsPage {

  /** Users shown in the "who gets what" table. */
  private static final int MAX_USERS = 12;

  private final FlagEngine engine;
  private final FlagDirectory directory;
  private final Served served;
  private final Exposures exposures;
  private final LogLevel logLevel;
  private final Users users;

  /**
   * The page for the flags of {@code engine} (the application's own, {@code Turnout.engine()}, which its
   * gated methods follow), described by {@code directory}, with the counts of {@code served}.
   */
  public FlagsPage(FlagEngine engine, FlagDirectory directory, Served served, Exposures exposures,
      LogLevel logLevel, Users users) {
    this.engine = engine;
    this.directory = directory;
    this.served = served;
    this.exposures = exposures;
    this.logLevel = logLevel;
    this.users = users;
  }

  /** {@code GET /flags}. */
  public Response page(Request request) {
    User you = request.user();
    StringBuilder body = new StringBuilder("<h1>Flags</h1>");
    body.append("<p>Environment <b id=\"environment\">").append(Html.escape(environment()))
        .append("</b> · catalog <code>").append(Html.escape(engine.source().name())).append("</code> version <b id=\"catalog-version\">")
        .append(engine.catalogVersion()).append("</b>")
        .append(engine.catalogLoadedAt().map(t -> ", loaded <span id=\"catalog-loaded\">" + Html.time(t) + "</span>").orElse(""))
        .append(" · log level <b id=\"log-level\">").append(logLevel.current()).append("</b></p>");
    lastError().ifPresent(e -> body.append("<div class=\"error\" id=\"catalog-error\"><b>The last edit of the catalog "
        + "was rejected; the previous version stays in force.</b><pre>").append(Html.withCode(e)).append("</pre></div>"));
    if (!directory.fromRegistry()) {
      body.append("<p class=\"notice\">No flag registry in this build: showing the flags in force, without owners.</p>");
    }
    body.append("<table id=\"flags\"><tr><th>Flag</th><th>Kind</th><th>Owner</th><th>Expires</th>")
        .append("<th>").append(you == null ? "Anonymous" : "You (" + Html.escape(you.name()) + ")")
        .append(" get</th><th>Served so far</th><th>Gated methods</th></tr>");
    Map<String, Map<String, Long>> counts = served.counts();
    for (FlagDirectory.Flag f : flags()) {
      Evaluation e = preview(f.key(), you);
      body.append("<tr class=\"flag\" id=\"flag-").append(Html.escape(f.key())).append("\"><td><code>")
          .append(Html.escape(f.key())).append("</code>");
      if (f.description() != null) {
        body.append("<br><small>").append(Html.withCode(f.description())).append("</small>");
      }
      if (!f.inBuild()) {
        body.append("<br><small>(not in this build's registry)</small>");
      }
      body.append("</td><td>").append(Html.escape(orDash(f.kind()))).append("</td><td class=\"owner\">")
          .append(Html.escape(orDash(f.owner()))).append("</td><td class=\"expires\">").append(expiry(f.expires()))
          .append("</td><td class=\"state\">").append(state(e)).append("</td><td class=\"served\">")
          .append(Html.escape(served(counts.get(f.key())))).append("</td><td>");
      for (FlagDirectory.Gate g : f.gates()) {
        body.append("<code>").append(Html.escape(g.method())).append("</code> <small>").append(Html.escape(g.tracks()))
            .append("</small><br>");
      }
      body.append("</td></tr>");
    }
    body.append("</table>");
    experiments(body);
    whoGetsWhat(body);
    return Response.html(Html.page("Flags", you, body.toString()));
  }

  private void experiments(StringBuilder body) {
    body.append("<h2>Experiments</h2><table id=\"experiments\"><tr><th>Flag</th><th>Variant</th><th>Exposures</th>")
        .append("<th>Users</th><th>Conversions</th></tr>");
    exposures.stats().forEach((flag, byVariant) -> byVariant.forEach((variant, s) ->
        body.append("<tr class=\"exposure\" data-variant=\"").append(Html.escape(variant)).append("\"><td><code>")
            .append(Html.escape(flag)).append("</code></td><td>").append(Html.escape(variant)).append("</td><td>")
            .append(s.exposures()).append("</td><td>").append(s.users()).append("</td><td>").append(s.conversions())
            .append("</td></tr>")));
    body.append("</table>");
  }

  private void whoGetsWhat(StringBuilder body) {
    List<FlagDirectory.Flag> flags = flags();
    body.append("<h2>Who gets what</h2><table id=\"who\"><tr><th>User</th>");
    for (FlagDirectory.Flag f : flags) {
      body.append("<th><code>").append(Html.escape(f.key())).append("</code></th>");
    }
    body.append("</tr>");
    for (User u : users.all().stream().limit(MAX_USERS).toList()) {
      body.append("<tr><td>").append(Html.escape(u.name())).append(" <small>").append(Html.escape(u.email()))
          .append("</small></td>");
      for (FlagDirectory.Flag f : flags) {
        body.append("<td>").append(Html.escape(orDash(preview(f.key(), u).variant())))
            .append("</td>");
      }
      body.append("</tr>");
    }
    body.append("</table>");
  }

  /** {@code GET /api/flags}: the same as JSON. */
  public Response api(Request request) {
    Map<String, Map<String, Long>> counts = served.counts();
    List<Map<String, Object>> flags = flags().stream().map(f -> {
      Evaluation e = preview(f.key(), request.user());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", f.key());
      m.put("kind", f.kind());
      m.put("description", f.description());
      m.put("owner", f.owner());
      m.put("ticket", f.ticket());
      m.put("expires", f.expires());
      m.put("inBuild", f.inBuild());
      m.put("inCatalog", engine.flagKeys().contains(f.key()));
      m.put("variant", e.variant());
      m.put("reason", e.reason().name());
      m.put("served", counts.getOrDefault(f.key(), Map.of()));
      m.put("gates", f.gates());
      return m;
    }).toList();
    Map<String, Object> out = status();
    out.put("fromRegistry", directory.fromRegistry());
    out.put("flags", flags);
    out.put("experiments", exposures.stats());
    return Response.json(out);
  }

  /** {@code GET /api/status}: environment, catalog version, the last rejected edit and the log level. */
  public Response apiStatus(Request request) {
    return Response.json(status());
  }

  private Map<String, Object> status() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("environment", engine.environment());
    out.put("catalog", engine.source().name());
    out.put("catalogVersion", engine.catalogVersion());
    out.put("lastError", lastError().orElse(null));
    out.put("logLevel", logLevel.current().getName());
    return out;
  }

  /** What the application's engine serves {@code user} for the flag now, without counting it as served. */
  private Evaluation preview(String flag, User user) {
    return Preview.of(() -> engine.evaluate(flag, WebServer.contextOf(user)));
  }

  private List<FlagDirectory.Flag> flags() {
    return directory.flags(engine.flagKeys());
  }

  private Optional<String> lastError() {
    return engine.lastError().map(CatalogException::getMessage);
  }

  private String environment() {
    return engine.environment() == null ? "(none)" : engine.environment();
  }

  private static String state(Evaluation e) {
    if (e.reason() == Evaluation.Reason.FLAG_NOT_FOUND) {
      return "<i>not in the catalog</i>";
    }
    return "<b>" + Html.escape(e.variant()) + "</b> <small>" + Html.escape(reason(e)) + "</small>";
  }

  private static String reason(Evaluation e) {
    return switch (e.reason()) {
      case DISABLED -> "switched off";
      case TARGETING_MATCH -> e.ruleIndex() < 0 ? "allow list" : "rule " + (e.ruleIndex() + 1);
      case SPLIT -> "rollout";
      case DEFAULT -> "default";
      default -> e.reason().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String expiry(String expires) {
    if (expires == null) {
      return "—";
    }
    boolean past = LocalDate.parse(expires).isBefore(LocalDate.now());
    return past ? "<b class=\"expired\">" + Html.escape(expires) + " (expired)</b>" : Html.escape(expires);
  }

  private static String served(Map<String, Long> byVariant) {
    if (byVariant == null || byVariant.isEmpty()) {
      return "—";
    }
    StringBuilder s = new StringBuilder();
    byVariant.forEach((variant, n) -> s.append(s.length() == 0 ? "" : ", ").append(variant).append(": ").append(n));
    return s.toString();
  }

  private static String orDash(String text) {
    return text == null ? "—" : text;
  }
}
