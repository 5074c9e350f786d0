package dev.turnout.sample.web;

import dev.turnout.sample.data.User;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * HTML building: escaping, and the page layout every page shares.
 *
 * <pre>{@code
 * String body = "<h1>Tasks</h1><p>" + Html.escape(task.title()) + "</p>";
 * return Response.html(Html.page("Tasks", user, body));
 * }</pre>
 */
public final class Html {

  private static final String STYLE = String.join("\n",
      "body{font-family:system-ui,sans-serif;max-width:56rem;margin:0 auto;padding:0 1rem 3rem;color:#222}",
      "nav{display:flex;gap:1rem;align-items:center;padding:.8rem 0;border-bottom:1px solid #ddd;margin-bottom:1rem}",
      "nav .who{margin-left:auto;color:#555}",
      "table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #eee}",
      ".done{color:#888;text-decoration:line-through}.notice{background:#fff4d6;padding:.6rem .8rem;border-radius:4px}",
      ".error{background:#fde2e1;padding:.6rem .8rem;border-radius:4px}code{background:#f3f3f3;padding:0 .2rem}",
      // Long lines (a catalog path, a rejected edit's message) wrap instead of widening the page.
      ".error,.notice,td{overflow-wrap:anywhere}pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:.4rem 0 0}",
      "form.inline{display:inline}input[type=text],textarea{padding:.3rem;width:20rem}");

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", Locale.ENGLISH);

  private Html() {}

  /**
   * The text escaped, with each pair of backticks made code: {@code a `count` field} becomes
   * {@code a <code>count</code> field}. A backtick without its pair stays as it is.
   */
  public static String withCode(String text) {
    String escaped = escape(text);
    StringBuilder out = new StringBuilder(escaped.length() + 16);
    int from = 0;
    for (int open = escaped.indexOf('`'); open >= 0; open = escaped.indexOf('`', from)) {
      int close = escaped.indexOf('`', open + 1);
      if (close < 0) {
        break;
      }
      out.append(escaped, from, open).append("<code>").append(escaped, open + 1, close).append("</code>");
      from = close + 1;
    }
    return out.append(escaped, from, escaped.length()).toString();
  }

  /** An instant for people, in the server's time zone, to the second: {@code 5 Dec 2026, 17:18:51}. */
  public static String time(Instant instant) {
    return escape(TIME.format(instant.atZone(ZoneId.systemDefault())));
  }

  /** The text with {@code & < > " '} escaped, for element content and quoted attributes; "" for null. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A whole page: the navigation (with the user's name and a log-out button when someone is logged in),
   * then {@code body}, which the caller has escaped.
   */
  public static String page(String title, User user, String body) {
    StringBuilder nav = new StringBuilder("<nav><a href=\"/tasks\">Tasks</a><a href=\"/tasks/new\">New task</a>"
        + "<a href=\"/flags\">Flags</a>");
    if (user == null) {
      nav.append("<span class=\"who\"><a href=\"/login\">Log in</a> · <a href=\"/signup\">Sign up</a></span>");
    } else {
      nav.append("<span class=\"who\">Logged in as <b id=\"user\">").append(escape(user.name()))
          .append("</b> <form class=\"inline\" method=\"post\" action=\"/logout\"><button>Log out</button></form></span>");
    }
    nav.append("</nav>");
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
        + " · Turnout sample</title><style>" + STYLE + "</style></head><body>" + nav + body + "</body></html>\n";
  }
}
