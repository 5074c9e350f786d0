package dev.turnout.cli.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.turnout.CatalogException;
import dev.turnout.CatalogProblem;
import dev.turnout.cli.api.CatalogFile;
import dev.turnout.cli.api.ToolException;
import dev.turnout.etcd.EtcdTarget;
import dev.turnout.etcd.FleetReport;
import dev.turnout.etcd.admin.AuditLog;
import dev.turnout.etcd.admin.AuditRecord;
import dev.turnout.etcd.admin.Fleet;
import dev.turnout.etcd.admin.Publication;
import dev.turnout.etcd.admin.PublishConflictException;
import dev.turnout.etcd.admin.Publisher;
import dev.turnout.etcd.internal.EtcdFailures;
import io.etcd.jetcd.Client;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code publish}, {@code fleet} and {@code audit}: a fleet's catalog in etcd. */
final class EtcdCommands {

  private EtcdCommands() {}

  static EtcdTarget target(String address) {
    try {
      return EtcdTarget.parse(address);
    } catch (IllegalArgumentException e) {
      throw new ToolException(e.getMessage());
    }
  }

  static Client client(EtcdTarget target) {
    try {
      return target.newClient();
    } catch (IllegalStateException | UncheckedIOException e) {
      throw new ToolException(e.getMessage());
    }
  }

  @Command(name = "publish", mixinStandardHelpOptions = true,
      description = {"Publishes a catalog to its etcd key: validates it first (as `check`), then writes it with "
          + "compare-and-swap on the key's revision and an audit record (who, when, why, the diff), in one "
          + "transaction. Prints the diff and the new revision.",
          "Exit status 0 when published (or nothing changed), 1 when someone published in between (nothing "
          + "written: review, then run it again), 2 when the catalog does not validate or etcd cannot be asked."})
  static final class Publish implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Parameters(arity = "0..1", paramLabel = "CATALOG",
        description = "The catalog file (default: src/main/resources/turnout/flags.yaml, .yml or .json).")
    String catalog;

    @Option(names = "--to", required = true, paramLabel = "ETCD_ADDRESS",
        description = "The catalog key, as etcd://HOST:PORT[,HOST:PORT...]/KEY[?tls=true&user=NAME&...].")
    String to;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (required; kept in the audit record).")
    String reason;

    @Option(names = "--author", paramLabel = "NAME", description = "Who publishes (default: user@host).")
    String author;

    @Option(names = "--expect-revision", paramLabel = "N",
        description = "Publish only if the key is still at revision N (0: only if there is no catalog yet), "
            + "such as the revision a reviewed --dry-run showed.")
    Long expectRevision;

    @Option(names = "--dry-run", description = "Validate and show the diff against etcd; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
      if (!dryRun && (reason == null || reason.isBlank())) {
        throw new ToolException("publish needs --reason TEXT: say why, for the audit trail");
      }
      if (expectRevision != null && expectRevision < 0) {
        throw new ToolException("--expect-revision must be 0 or more, not " + expectRevision);
      }
      try {
        if (reason != null) {
          Publisher.refuseControls("reason", reason);
        }
        if (author != null) {
          Publisher.refuseControls("author", author);
        }
      } catch (IllegalArgumentException e) {
        throw new ToolException("--" + e.getMessage().substring("the ".length()));
      }
      CatalogFile file = cli.workspace().catalog(catalog);
      EtcdTarget target = target(to);
      Publisher.Request request = Publisher.Request.of(file.display(), file.text()).reason(reason).author(author);
      if (expectRevision != null) {
        request = request.expectRevision(expectRevision);
      }
      try (Client client = client(target)) {
        Publisher publisher = new Publisher(client, target, cli.clock());
        Publication p = dryRun ? publisher.preview(request) : publisher.publish(request);
        cli.out().print(p.diff());
        String changes = changes(p.added(), p.removed(), p.changed());
        switch (p.status()) {
          case UNCHANGED -> cli.out().println(file.display() + " is the same as revision " + p.revision() + " of "
              + target.key() + ": nothing to publish");
          case PREVIEW -> cli.out().println(file.display() + " validates; publishing it would replace "
              + revision(p.previousRevision()) + " of " + target.key() + " (" + changes + "). Dry run: nothing "
              + "written; to publish exactly on top of what you saw, add --expect-revision " + p.previousRevision());
          case PUBLISHED -> cli.out().println("published " + file.display() + " to " + target.key() + ": "
              + revision(p.previousRevision()) + " -> revision " + p.revision() + " (" + changes + ")");
        }
        return 0;
      } catch (CatalogException e) {
        for (CatalogProblem problem : e.problems()) {
          cli.err().println(problem);
        }
        cli.err().println("turnout: " + file.display() + " does not validate: nothing was published");
        return Cli.ERROR;
      } catch (PublishConflictException e) {
        cli.err().println("turnout: " + e.getMessage());
        return Cli.FOUND;
      }
    }

    private static String revision(long revision) {
      return revision == 0 ? "no catalog (revision 0)" : "revision " + revision;
    }

    private static String changes(List<String> added, List<String> removed, List<String> changed) {
      List<String> parts = new ArrayList<>();
      if (!added.isEmpty()) {
        parts.add("added " + String.join(", ", added));
      }
      if (!removed.isEmpty()) {
        parts.add("removed " + String.join(", ", removed));
      }
      if (!changed.isEmpty()) {
        parts.add("changed " + String.join(", ", changed));
      }
      return parts.isEmpty() ? "no flag changed" : String.join("; ", parts);
    }
  }

  @Command(name = "fleet", mixinStandardHelpOptions = true,
      description = {"Which catalog revision each JVM of a fleet applies, from the reports they keep in etcd: up to "
          + "date, behind (by how many publishes), refusing the current revision (with the problem), or serving its "
          + "last-good local copy.",
          "Exit status 0 when every JVM is up to date, 1 when any is not, 2 when etcd cannot be asked."})
  static final class FleetCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Option(names = "--from", required = true, paramLabel = "ETCD_ADDRESS",
        description = "The catalog key, as etcd://HOST:PORT[,HOST:PORT...]/KEY[?...].")
    String from;

    @Option(names = "--json", description = "One JSON document, for tools.")
    boolean json;

    @Override
    public Integer call() {
      EtcdTarget target = target(from);
      Fleet fleet;
      try (Client client = client(target)) {
        fleet = Fleet.read(client, target);
      }
      for (String unreadable : fleet.unreadable()) {
        cli.err().println("turnout: skipped " + or(unreadable));
      }
      Instant now = cli.clock().instant();
      if (json) {
        writeJson(fleet, now);
      } else {
        if (!fleet.members().isEmpty()) {
          List<List<String>> rows = new ArrayList<>();
          rows.add(List.of("STATUS", "INSTANCE", "APP", "HOST", "PID", "REVISION", "BEHIND", "ORIGIN", "AGE", "PROBLEM"));
          for (Fleet.Member m : fleet.members()) {
            FleetReport r = m.report();
            rows.add(List.of(status(m.status()), or(r.instance()), or(r.app()), or(r.host()), String.valueOf(r.pid()),
                String.valueOf(r.revision()), m.behindBy() == 0 ? "-" : String.valueOf(m.behindBy()), or(r.origin()),
                age(r.appliedAt(), now),
                r.problem() == null ? "-" : or(r.problem().strip().replaceAll("\\s*\\R\\s*", "; "))));
          }
          Table.print(rows, cli.out());
        }
        cli.out().println(summary(fleet, target));
      }
      return fleet.allUpToDate() ? 0 : Cli.FOUND;
    }

    private static String summary(Fleet fleet, EtcdTarget target) {
      int size = fleet.members().size();
      String catalog = target.key() + (fleet.catalogRevision() == 0 ? " has no catalog"
          : " is at revision " + fleet.catalogRevision());
      if (size == 0) {
        return catalog + "; no JVM reports under " + target.fleetPrefix();
      }
      return catalog + "; " + size + (size == 1 ? " JVM: " : " JVMs: ")
          + fleet.count(Fleet.Status.UP_TO_DATE) + " up to date, " + fleet.count(Fleet.Status.BEHIND) + " behind, "
          + fleet.count(Fleet.Status.REFUSED) + " refusing it, " + fleet.count(Fleet.Status.LAST_GOOD)
          + " on a last-good copy";
    }

    private void writeJson(Fleet fleet, Instant now) {
      try (JsonGenerator g = JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build().createGenerator(cli.out())) {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeStringField("key", fleet.key());
        g.writeNumberField("catalogRevision", fleet.catalogRevision());
        g.writeBooleanField("allUpToDate", fleet.allUpToDate());
        g.writeObjectFieldStart("counts");
        for (Fleet.Status s : Fleet.Status.values()) {
          g.writeNumberField(status(s), fleet.count(s));
        }
        g.writeEndObject();
        g.writeArrayFieldStart("jvms");
        for (Fleet.Member m : fleet.members()) {
          FleetReport r = m.report();
          g.writeStartObject();
          g.writeStringField("status", status(m.status()));
          g.writeStringField("instance", r.instance());
          g.writeStringField("app", r.app());
          g.writeStringField("host", r.host());
          g.writeNumberField("pid", r.pid());
          g.writeStringField("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
          g.writeNumberField("revision", r.revision());
          g.writeNumberField("behindBy", m.behindBy());
          g.writeStringField("origin", r.origin());
          g.writeStringField("appliedAt", r.appliedAt() == null ? null : r.appliedAt().toString());
          if (r.appliedAt() == null) {
            g.writeNullField("ageSeconds");
          } else {
            g.writeNumberField("ageSeconds", Math.max(0, Duration.between(r.appliedAt(), now).toSeconds()));
          }
          g.writeStringField("problem", r.problem());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("unreadable");
        for (String u : fleet.unreadable()) {
          g.writeString(u);
        }
        g.writeEndArray();
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cli.out().println();
    }

    private static String status(Fleet.Status status) {
      return switch (status) {
        case UP_TO_DATE -> "up-to-date";
        case BEHIND -> "behind";
        case REFUSED -> "refused";
        case LAST_GOOD -> "last-good";
      };
    }

    /** How long ago the JVM applied its catalog: 45s, 12m, 3h, 2d. */
    static String age(Instant since, Instant now) {
      if (since == null) {
        return "-";
      }
      long seconds = Math.max(0, Duration.between(since, now).toSeconds());
      if (seconds < 120) {
        return seconds + "s";
      }
      if (seconds < 120 * 60) {
        return seconds / 60 + "m";
      }
      if (seconds < 48 * 3600) {
        return seconds / 3600 + "h";
      }
      return seconds / 86400 + "d";
    }
  }

  @Command(name = "audit", mixinStandardHelpOptions = true,
      description = {"The publishes of a catalog, newest first: revision, when, who, the revision it replaced, why, "
          + "and the flags it changed; with --diff, each publish's diff.",
          "Exit status 0, or 2 when etcd cannot be asked."})
  static final class Audit implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Option(names = "--from", required = true, paramLabel = "ETCD_ADDRESS",
        description = "The catalog key, as etcd://HOST:PORT[,HOST:PORT...]/KEY[?...].")
    String from;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
        description = "How many publishes to show (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--diff", description = "Show each publish's diff.")
    boolean diff;

    @Override
    public Integer call() {
      if (limit <= 0) {
        throw new ToolException("--limit must be positive, not " + limit);
      }
      EtcdTarget target = target(from);
      List<AuditRecord> records;
      try (Client client = client(target)) {
        records = AuditLog.read(client, target, limit);
      }
      if (records.isEmpty()) {
        cli.out().println("no publishes recorded under " + target.auditPrefix());
        return 0;
      }
      if (!diff) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("REVISION", "AT", "AUTHOR", "PREVIOUS", "REASON", "FLAGS"));
        for (AuditRecord r : records) {
          rows.add(List.of(String.valueOf(r.revision()), r.at() == null ? "-" : r.at().toString(), author(r),
              String.valueOf(r.previousRevision()), or(r.reason()), or(r.flagSummary())));
        }
        Table.print(rows, cli.out());
        return 0;
      }
      for (AuditRecord r : records) {
        cli.out().println("revision " + r.revision() + " (was " + r.previousRevision() + ") by " + author(r)
            + " at " + (r.at() == null ? "-" : r.at()) + ": " + or(r.reason()));
        cli.out().println("  " + or(r.flagSummary()));
        if (r.diff() != null) {
          for (String line : r.diff().lines().toList()) {
            cli.out().println(or(line));
          }
        }
        cli.out().println();
      }
      return 0;
    }
  }

  /**
   * Text from etcd made fit for one line of a terminal: what other tools (or an attacker with write
   * access to the keys) stored there could otherwise forge rows or drive the terminal with escapes.
   */
  private static String or(String text) {
    return text == null ? "-" : EtcdFailures.printable(text);
  }

  /** The author, and the etcd user the publish authenticated as when there was one. */
  private static String author(AuditRecord r) {
    return or(r.author()) + (r.etcdUser() == null ? "" : " (etcd user " + or(r.etcdUser()) + ")");
  }
}
