package dev.turnout.console.internal;

import java.util.List;

/** What the page templates show: plain values, already worked out. Public because the compiled templates read them. */
public final class Views {

  private Views() {}

  /**
   * The parts of every page: who is logged in, their CSRF token, how many changes wait for approval, the catalog's
   * name, whether there is a fleet to show (etcd), and whether the user manages users (admin everywhere).
   */
  public record Frame(String user, String roles, String csrf, int pending, String catalog, boolean fleet,
      boolean admin) {}

  /** A name and a value, for tables and hidden form fields. */
  public record Pair(String name, String value) {}

  /** One line of a unified diff; {@code kind} is add, del, hunk or ctx. */
  public record DiffLine(String kind, String text) {}

  /** A row of the flags list. */
  public record FlagRow(String key, String kind, String owner, String tags, String description, List<Pair> states,
      String expires, boolean expired) {}

  /** The flags list and its filters. */
  public record FlagsPage(Frame frame, String q, String kind, String owner, String tag, String env, String status,
      List<String> kinds, List<String> owners, List<String> envs, List<FlagRow> rows, List<String> problems) {}

  /** A gated method (from the processor's registry). */
  public record Gate(String flag, String className, String method, String alternate, String source, int line) {}

  /** One environment of a flag, as in force there. */
  public record EnvView(String env, boolean enabled, String defaultVariant, String off, List<String> rules,
      boolean ownRules, String allow, String percentage, List<String> schedule, boolean canEdit,
      boolean needsApproval, boolean boolFlag) {}

  /** One flag. */
  public record FlagPage(Frame frame, String key, List<Pair> meta, List<String> variants, List<EnvView> envs,
      List<Gate> gates, String gatesProblem, String block, String revision, boolean canEditAll, String applyNote) {}

  /**
   * A change before it is saved: what it changes (the catalog file, the etcd key), its diff, and the form that saves
   * it with a reason.
   */
  public record Preview(Frame frame, String title, String subject, String changed, List<DiffLine> diff,
      List<Pair> hidden, String action, boolean needsApproval, String applyNote, String back) {}

  /** What a save did. {@code kind}: saved, pending, conflict or invalid. */
  public record Result(Frame frame, String kind, String title, String message, List<DiffLine> diff,
      List<DiffLine> other, List<String> problems, String back) {}

  /** One flag's answer for the context typed in. */
  public record WhoRow(String flag, String variant, String value, String reason, boolean enabled) {}

  /** "Who gets what". */
  public record WhoPage(Frame frame, String key, String attributes, String env, List<String> envs, List<WhoRow> rows,
      String error) {}

  /** A segment. */
  public record SegmentView(String name, String keys, String when, List<String> usedBy) {}

  /** The segments page. */
  public record SegmentsPage(Frame frame, List<SegmentView> segments, String revision, boolean canEdit) {}

  /** An audit record. */
  public record AuditRow(String at, String user, String action, String flag, String env, String reason,
      List<DiffLine> diff) {}

  /** The audit trail. */
  public record AuditPage(Frame frame, String flag, List<AuditRow> rows) {}

  /** A change that waits for approval. */
  public record PendingView(String id, String user, String action, String flag, String env, String reason,
      String created, List<DiffLine> diff, boolean canDecide, String why) {}

  /** The approvals page. */
  public record ApprovalsPage(Frame frame, List<PendingView> pending) {}

  /** One JVM of the fleet: what it runs and where it stands. */
  public record FleetRow(String instance, String app, String host, long pid, long revision, String origin,
      String appliedAt, String status, int behindBy, String problem) {}

  /**
   * The fleet page: the catalog's revision and every JVM's, as read at {@code readAt}; {@code error} when etcd could
   * not be asked.
   */
  public record FleetPage(Frame frame, String key, long revision, String readAt, List<FleetRow> rows,
      List<String> counts, List<String> unreadable, String error) {}

  /** A user on the Users page: roles in the page's environments' order, status, open sessions. */
  public record UserRow(String name, List<String> roles, String status, int sessions) {}

  /** One environment's role choice in a form: {@code selected} is a role's label or empty for none. */
  public record RoleChoice(String env, String label, String selected, List<String> roles) {}

  /** The Users page: every user, the form to add one, and the newest user changes. */
  public record UsersPage(Frame frame, List<String> envs, List<UserRow> users, List<RoleChoice> newRoles,
      List<AuditRow> history) {}

  /** One user, with the forms that change them; {@code link}: a set-password link to hand over, shown once. */
  public record UserPage(Frame frame, String name, List<RoleChoice> roles, String status, boolean disabled,
      boolean self, int sessions, String message, String link) {}

  /** The page a set-password link opens; {@code user} is null when the link is not valid. */
  public record SetPasswordPage(String user, String token, String csrf, String error) {}

  /** The login page. */
  public record LoginPage(String error, String name, String csrf) {}

  /** An error page. */
  public record ErrorPage(Frame frame, int status, String title, String message) {}

  /** Splits a unified diff into lines to colour. */
  public static List<DiffLine> diffLines(String diff) {
    if (diff == null || diff.isEmpty()) {
      return List.of();
    }
    return diff.lines().filter(l -> !l.startsWith("---") && !l.startsWith("+++")).map(l -> new DiffLine(
        l.startsWith("@@") ? "hunk" : l.startsWith("+") ? "add" : l.startsWith("-") ? "del" : "ctx", l)).toList();
  }
}
