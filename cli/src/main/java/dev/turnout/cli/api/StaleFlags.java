package dev.turnout.cli.api;

import dev.turnout.cli.internal.FlagHistory;
import dev.turnout.cli.internal.FlagStates;
import dev.turnout.cli.internal.JavaSources;
import dev.turnout.cli.internal.JavaSources.SourceFile;
import dev.turnout.cli.internal.SourceIndex;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.Catalog.Flag;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code turnout stale} and {@code turnout:stale}: flags past {@code expires}, flags serving one variant
 * to everyone in every environment for longer than a number of days, catalog flags no code names, code
 * that names no catalog flag, and a catalog over the team's flag budget.
 */
public final class StaleFlags {

  /** One thing found, with the message shown to the user. */
  public record Finding(String kind, String message) {
    @Override
    public String toString() {
      return message;
    }
  }

  private StaleFlags() {}

  /**
   * Everything stale in the project.
   *
   * @param days a flag serving one variant everywhere for more than this many days is reported
   * @param maxFlags the flag budget, or null for none
   */
  public static List<Finding> find(Workspace workspace, CatalogFile file, List<Path> sourceRoots, int days,
      Integer maxFlags, Clock clock) {
    return find(workspace, file, sourceRoots, days, maxFlags, clock, skipped -> { });
  }

  /**
   * As {@link #find(Workspace, CatalogFile, List, int, Integer, Clock)}, telling {@code warnings} of each source
   * file left out (a file that cannot be read or parsed), as the warning to show.
   */
  public static List<Finding> find(Workspace workspace, CatalogFile file, List<Path> sourceRoots, int days,
      Integer maxFlags, Clock clock, Consumer<String> warnings) {
    if (days < 0 || (maxFlags != null && maxFlags < 0)) {
      throw new ToolException(days < 0 ? "days must be 0 or more, not " + days
          : "the flag budget must be 0 or more, not " + maxFlags);
    }
    Catalog catalog = file.parse();
    List<SourceFile> sources = JavaSources.read(workspace, sourceRoots, skipped -> warnings.accept(skipped.warning()));
    SourceIndex index = SourceIndex.scan(sources, catalog);
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<String> environments = FlagStates.environments(catalog);
    List<Finding> found = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (SourceIndex.Reference r : index.references()) {
      if (r.kind() == SourceIndex.Kind.LITERAL) {
        continue;
      }
      if (r.key() != null && catalog.flags().containsKey(r.key())) {
        named.add(r.key());
      } else {
        String what = r.constant() != null ? "Flags." + r.constant() : "'" + r.key() + "'";
        found.add(new Finding("unknown", r.display() + ":" + r.line() + ": " + what
            + " names no flag of " + file.display() + ": " + r.text()));
      }
    }
    FlagHistory history = null;
    for (Flag f : catalog.flags().values()) {
      String at = file.display() + ":" + f.line() + ":" + f.column() + ": flag '" + f.key() + "'";
      if (f.expires() != null && f.expires().isBefore(today)) {
        found.add(new Finding("expired", at + " expired on " + f.expires() + " ("
            + ChronoUnit.DAYS.between(f.expires(), today) + " days ago)"));
      }
      Optional<String> one = FlagStates.uniformEverywhere(f, environments, now);
      if (one.isPresent()) {
        if (history == null) {
          history = new FlagHistory(file);
        }
        Instant since = history.lastChanged(f);
        long age = ChronoUnit.DAYS.between(since, now);
        if (age > days) {
          found.add(new Finding("rolled-out", at + " has served '" + one.get() + "' to everyone in every environment"
              + " since " + LocalDate.ofInstant(since, ZoneOffset.UTC) + " (" + age + " days, more than " + days
              + "): remove it with `turnout remove " + f.key() + " --keep " + one.get() + "`"));
        }
      }
      if (!named.contains(f.key())) {
        found.add(new Finding("unused", at + " is named by no code in "
            + String.join(", ", sourceRoots.stream().map(workspace::display).toList())));
      }
    }
    if (maxFlags != null && catalog.flags().size() > maxFlags) {
      found.add(new Finding("budget", file.display() + ": " + catalog.flags().size() + " flags, over the budget of "
          + maxFlags));
    }
    return found;
  }
}
