package dev.turnout.cli.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.turnout.CatalogException;
import dev.turnout.CatalogProblem;
import dev.turnout.cli.api.CatalogCheck;
import dev.turnout.cli.api.CatalogFile;
import dev.turnout.cli.api.StaleFlags;
import dev.turnout.cli.api.ToolException;
import dev.turnout.cli.api.Workspace;
import dev.turnout.etcd.admin.EtcdAccessException;
import dev.turnout.internal.catalog.Catalog.Flag;
import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.Names;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/** The {@code turnout} command and its subcommands. */
@Command(name = "turnout", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = {"Flag lifecycle tooling: check, list, usages, stale and remove flags of a Turnout catalog.",
        "A fleet's catalog in etcd: publish it, see which revision each JVM runs (fleet), and who published what (audit)."},
    subcommands = {Cli.Check.class, Cli.ListFlags.class, Cli.Usages.class, Cli.Stale.class, Cli.Remove.class,
        EtcdCommands.Publish.class, EtcdCommands.FleetCommand.class, EtcdCommands.Audit.class,
        ConsoleLauncher.class},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:all is well", "1:the command found something (problems, stale flags, references left, a JVM "
        + "behind, a publish that lost the race)",
        "2:usage error, a file that cannot be read, or etcd that cannot be asked"})
public final class Cli implements Callable<Integer> {

  /** Something was found. */
  public static final int FOUND = 1;
  /** Usage error or unreadable input. */
  public static final int ERROR = 2;

  private final Workspace workspace;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;
  private final FileSet.Mover mover;

  private Cli(Workspace workspace, PrintWriter out, PrintWriter err, Clock clock, FileSet.Mover mover) {
    this.workspace = workspace;
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.mover = mover;
  }

  /** Runs {@code args} as if typed in {@code dir}; returns the exit status. */
  public static int execute(Path dir, PrintWriter out, PrintWriter err, String... args) {
    return execute(dir, out, err, Clock.systemUTC(), args);
  }

  /** As {@link #execute(Path, PrintWriter, PrintWriter, String...)}, with the clock for ages and expiry. */
  public static int execute(Path dir, PrintWriter out, PrintWriter err, Clock clock, String... args) {
    return execute(dir, out, err, clock, FileSet.ATOMIC, args);
  }

  /** As above, with the way remove moves files into place (tests make it fail midway). */
  static int execute(Path dir, PrintWriter out, PrintWriter err, Clock clock, FileSet.Mover mover, String... args) {
    CommandLine cli = new CommandLine(new Cli(new Workspace(dir), out, err, clock, mover));
    cli.setOut(out);
    cli.setErr(err);
    // An argument @FILE would be replaced by the words of FILE: an error would then quote that file.
    cli.setExpandAtFiles(false);
    cli.setParameterExceptionHandler((e, arguments) -> {
      String command = e.getCommandLine().getCommandSpec().qualifiedName();
      err.println("turnout: " + e.getMessage() + " (see `" + command + " --help`)");
      err.flush();
      return ERROR;
    });
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof IOException || e instanceof UncheckedIOException) {
        err.println("turnout: " + JavaSources.reason(e));
        return ERROR;
      }
      if (e instanceof ToolException) {
        err.println("turnout: " + e.getMessage());
        return ERROR;
      }
      if (e instanceof EtcdAccessException) {
        err.println("turnout: " + e.getMessage());
        return ERROR;
      }
      if (e instanceof CatalogException c) {
        for (CatalogProblem p : c.problems()) {
          err.println(p);
        }
        err.println("turnout: the catalog does not validate (see `turnout check`)");
        return ERROR;
      }
      throw e;
    });
    int status = cli.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(out);
    return ERROR;
  }

  Workspace workspace() {
    return workspace;
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  Clock clock() {
    return clock;
  }

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** The version in the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Cli.class.getPackage().getImplementationVersion();
      return new String[] {"turnout " + (v == null ? "(development build)" : v)};
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Validates a catalog: every problem as file:line:column: message; exit status 1 on any.")
  static final class Check implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Parameters(arity = "0..1", paramLabel = "CATALOG",
        description = "The catalog file (default: src/main/resources/turnout/flags.yaml, .yml or .json).")
    String catalog;

    @Option(names = "--catalog", paramLabel = "PATH", description = "The catalog file, as every command names it.")
    String catalogOption;

    @Override
    public Integer call() {
      if (catalog != null && catalogOption != null && !catalog.equals(catalogOption)) {
        throw new ToolException("two catalogs named (" + catalog + " and --catalog " + catalogOption + "): name one");
      }
      CatalogFile file = cli.workspace.catalog(catalog != null ? catalog : catalogOption);
      List<String> problems = CatalogCheck.problems(file);
      if (problems.isEmpty()) {
        Catalog c = file.parse();
        cli.out.println(file.display() + ": " + c.flags().size() + (c.flags().size() == 1 ? " flag" : " flags")
            + ", no problems");
        return 0;
      }
      problems.forEach(cli.out::println);
      return FOUND;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists every flag: kind, owner, ticket, age, expiry and its state per environment.")
  static final class ListFlags implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Option(names = "--catalog", paramLabel = "PATH", description = "The catalog file.")
    String catalog;

    @Option(names = "--json", description = "One JSON document, for tools.")
    boolean json;

    @Override
    public Integer call() {
      Catalog c = cli.workspace.catalog(catalog).parse();
      List<String> envs = FlagStates.environments(c);
      Instant now = cli.clock.instant();
      LocalDate today = cli.today();
      if (json) {
        writeJson(c, envs, now, today);
        return 0;
      }
      List<String> header = new ArrayList<>(List.of("FLAG", "KIND", "OWNER", "TICKET", "AGE", "EXPIRES", "STATE"));
      envs.forEach(e -> header.add(e.toUpperCase(java.util.Locale.ROOT)));
      List<List<String>> rows = new ArrayList<>();
      rows.add(header);
      for (Flag f : c.flags().values()) {
        List<String> row = new ArrayList<>();
        row.add(f.key());
        row.add(or(f.kind()));
        row.add(or(f.owner()));
        row.add(or(f.ticket()));
        row.add(f.created() == null ? "-" : ChronoUnit.DAYS.between(f.created(), today) + "d");
        row.add(f.expires() == null ? "-"
            : f.expires() + (f.expires().isBefore(today) ? " (expired)" : ""));
        row.add(FlagStates.describe(f, null, now));
        for (String env : envs) {
          row.add(FlagStates.describe(f, env, now));
        }
        rows.add(row);
      }
      Table.print(rows, cli.out);
      return 0;
    }

    private void writeJson(Catalog c, List<String> envs, Instant now, LocalDate today) {
      try (JsonGenerator g = JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build().createGenerator(cli.out)) {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeArrayFieldStart("environments");
        for (String e : envs) {
          g.writeString(e);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("flags");
        for (Flag f : c.flags().values()) {
          g.writeStartObject();
          g.writeStringField("key", f.key());
          g.writeStringField("kind", f.kind());
          g.writeStringField("owner", f.owner());
          g.writeStringField("ticket", f.ticket());
          g.writeStringField("created", f.created() == null ? null : f.created().toString());
          if (f.created() == null) {
            g.writeNullField("ageDays");
          } else {
            g.writeNumberField("ageDays", ChronoUnit.DAYS.between(f.created(), today));
          }
          g.writeStringField("expires", f.expires() == null ? null : f.expires().toString());
          g.writeBooleanField("expired", f.expires() != null && f.expires().isBefore(today));
          g.writeArrayFieldStart("variants");
          for (String v : f.variants().keySet()) {
            g.writeString(v);
          }
          g.writeEndArray();
          g.writeStringField("state", FlagStates.describe(f, null, now));
          g.writeObjectFieldStart("environmentStates");
          for (String e : envs) {
            g.writeStringField(e, FlagStates.describe(f, e, now));
          }
          g.writeEndObject();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cli.out.println();
    }

    private static String or(String s) {
      return s == null ? "-" : s;
    }
  }

  /** The catalog named, or the conventional one; null when none is named and none exists. */
  CatalogFile optionalCatalog(String named) {
    if (named == null && Workspace.DEFAULT_CATALOGS.stream().noneMatch(c -> java.nio.file.Files.isRegularFile(workspace.resolve(c)))) {
      return null;
    }
    return workspace.catalog(named);
  }

  /** The catalog entry of {@code key} as a reference, or null. */
  static SourceIndex.Reference catalogEntry(CatalogFile file, Catalog catalog, String key) {
    Flag flag = catalog == null ? null : catalog.flags().get(key);
    if (flag == null) {
      return null;
    }
    String[] lines = file.text().split("\n", -1);
    return new SourceIndex.Reference(file.display(), flag.line(), lines[flag.line() - 1].strip(),
        SourceIndex.Kind.CATALOG, key, null);
  }

  @Command(name = "usages", mixinStandardHelpOptions = true,
      description = {"Every place a flag appears, one path:line: text per line like grep: the catalog entry, "
          + "@FeatureFlag gates, their alternate and variant methods, Flags constants, string literals.",
          "Exit status 0 when something is found, 1 when nothing is (like grep)."})
  static final class Usages implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Option(names = "--catalog", paramLabel = "PATH", description = "The catalog file.")
    String catalog;

    @Parameters(index = "0", paramLabel = "FLAG", description = "The flag key.")
    String flag;

    @Parameters(index = "1..*", paramLabel = "SOURCE_DIRS",
        description = "Source folders or files (default: src/main/java and src/test/java).")
    List<String> sources = new ArrayList<>();

    @Override
    public Integer call() {
      CatalogFile file = cli.optionalCatalog(catalog);
      Catalog c = file == null ? null : file.parse();
      boolean unknown = c != null && !c.flags().containsKey(flag);
      if (unknown) {
        cli.err.println("warning: '" + flag + "' is not a flag of " + file.display()
            + Names.didYouMean(flag, c.flags().keySet()) + "; exit status 1 whatever is found");
      }
      List<SourceIndex.Reference> found = new ArrayList<>();
      SourceIndex.Reference entry = file == null ? null : catalogEntry(file, c, flag);
      if (entry != null) {
        found.add(entry);
      }
      found.addAll(SourceIndex.scan(JavaSources.read(cli.workspace, cli.workspace.sources(sources),
          cli.err::println), c).usages(flag));
      found.forEach(cli.out::println);
      return found.isEmpty() || unknown ? FOUND : 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = {"Removes a flag from the sources, keeping one track, then deletes its catalog entry.",
          "Exit status 1 when references are left that it could not rewrite (listed; the catalog entry then stays)."})
  static final class Remove implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Option(names = "--catalog", paramLabel = "PATH", description = "The catalog file.")
    String catalog;

    @Option(names = "--keep", required = true, paramLabel = "VARIANT",
        description = "The track to keep: on or off for a boolean flag, a variant name for a multivariate one.")
    String keep;

    @Option(names = "--dry-run", description = "Show the changes as a diff; write nothing.")
    boolean dryRun;

    @Parameters(index = "0", paramLabel = "FLAG", description = "The flag key.")
    String flag;

    @Parameters(index = "1..*", paramLabel = "SOURCE_DIRS",
        description = "Source folders or files (default: src/main/java and src/test/java).")
    List<String> sources = new ArrayList<>();

    @Override
    public Integer call() {
      CatalogFile file = cli.workspace.catalog(catalog);
      Catalog c = file.parse();
      List<JavaSources.Skipped> skipped = new ArrayList<>();
      List<JavaSources.SourceFile> files = JavaSources.read(cli.workspace, cli.workspace.sources(sources), skipped::add);
      skipped.forEach(s -> cli.err.println(s.warning()));
      FlagRemover remover = new FlagRemover(c, flag, keep);
      FlagRemover.Result result = remover.remove(files, file, c, FlagRemover.mentions(skipped, flag));
      result.notes().forEach(cli.out::println);
      if (dryRun) {
        result.changed().forEach((f, text) -> cli.out.print(UnifiedDiff.of(f.display(), f.text(), text)));
        if (result.catalogText() != null) {
          cli.out.print(UnifiedDiff.of(file.display(), file.text(), result.catalogText()));
        }
      } else {
        FileSet writes = new FileSet(cli.workspace);
        result.changed().forEach((f, text) -> writes.put(f.path(), text));
        if (result.catalogText() != null) {
          writes.put(file.path(), result.catalogText());
        }
        writes.write(cli.mover);
      }
      for (SourceIndex.Reference r : result.left()) {
        cli.out.println("left for you at " + r);
      }
      for (SourceIndex.Reference r : result.mentioned()) {
        cli.out.println("mentioned at " + r + " (not code: check it by hand)");
      }
      if (!result.left().isEmpty()) {
        cli.out.println("the catalog entry of '" + flag + "' stays until these are gone; then run remove again");
        return FOUND;
      }
      return 0;
    }
  }

  @Command(name = "stale", mixinStandardHelpOptions = true,
      description = {"Reports flags past their expiry date, flags serving one variant to everyone in every "
          + "environment for more than --days, catalog flags no code names, code naming no catalog flag, and a "
          + "catalog over --max-flags.", "Exit status 1 when anything is found."})
  static final class Stale implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Option(names = "--catalog", paramLabel = "PATH", description = "The catalog file.")
    String catalog;

    @Option(names = "--days", paramLabel = "N", defaultValue = "30",
        description = "Days a flag may serve one variant to everyone before it is stale (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--max-flags", paramLabel = "N", description = "The team's flag budget.")
    Integer maxFlags;

    @Parameters(paramLabel = "SOURCE_DIRS",
        description = "Source folders or files (default: src/main/java and src/test/java).")
    List<String> sources = new ArrayList<>();

    @Override
    public Integer call() {
      if (days < 0) {
        throw new ToolException("--days must be 0 or more, not " + days);
      }
      if (maxFlags != null && maxFlags < 0) {
        throw new ToolException("--max-flags must be 0 or more, not " + maxFlags);
      }
      List<StaleFlags.Finding> found = StaleFlags.find(cli.workspace, cli.workspace.catalog(catalog),
          cli.workspace.sources(sources), days, maxFlags, cli.clock, cli.err::println);
      found.forEach(cli.out::println);
      if (found.isEmpty()) {
        cli.out.println("no stale flags");
      }
      return found.isEmpty() ? 0 : FOUND;
    }
  }
}
