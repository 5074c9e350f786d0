package dev.turnout.sample.tasks;

import dev.turnout.FeatureFlag;
import dev.turnout.Variant;
import dev.turnout.sample.Flags;
import dev.turnout.sample.web.Html;

/**
 * The new-task form, in three versions: an experiment splits users between {@code classic} (the
 * original track), {@code compact} and {@code guided}. Each form is marked with its variant name
 * ({@code data-variant}); conversions are credited from the exposures, not from the form.
 *
 * <pre>{@code
 * String form = newTaskForm.render();   // the variant the bound user is in
 * }</pre>
 */
public final class NewTaskForm {

  /** The classic form: a labelled field and a button. */
  @FeatureFlag(value = Flags.TASK_FORM_EXPERIMENT, variants = {
      @Variant(value = "compact", method = "renderCompact"),
      @Variant(value = "guided", method = "renderGuided")})
  public String render() {
    return form("classic", "<h1>New task</h1>"
        + "<p><label>Title <input type=\"text\" name=\"title\" id=\"title\" required></label></p>"
        + "<p><button id=\"create\">Add task</button></p>");
  }

  String renderCompact() {
    return form("compact", "<p><input type=\"text\" name=\"title\" id=\"title\" placeholder=\"What needs doing?\" "
        + "required autofocus> <button id=\"create\">+</button></p>");
  }

  String renderGuided() {
    return form("guided", "<h1>What needs doing?</h1>"
        + "<p class=\"notice\">Good tasks start with a verb and fit on one line: “Book the venue”, "
        + "“Review the release notes”.</p>"
        + "<p><label>Task <input type=\"text\" name=\"title\" id=\"title\" required></label></p>"
        + "<p><button id=\"create\">Create task</button></p>");
  }

  private static String form(String variant, String fields) {
    return "<form method=\"post\" action=\"/tasks\" id=\"new-task-form\" data-variant=\"" + Html.escape(variant) + "\">"
        + fields + "</form>";
  }
}
