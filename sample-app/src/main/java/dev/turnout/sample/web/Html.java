package dev.turnout.sample.web;

import dev.turnout.sample.data.User;

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
      "form.inline{display:inline}input[type=text],textarea{padding:.3rem;width:20rem}");

  private Html() {}

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
