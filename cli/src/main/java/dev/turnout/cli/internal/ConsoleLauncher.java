package dev.turnout.cli.internal;

import dev.turnout.cli.api.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code turnout console ...}: starts the web console, which is a jar of its own (a web server the other commands do
 * not need): {@code turnout-console-VERSION.jar} beside this tool's jar, or the one {@code TURNOUT_CONSOLE_JAR} names.
 */
@Command(name = "console", description = {"Start the web console on a catalog file or etcd key (turnout console "
    + "--catalog flags.yaml, or --source etcd://HOST:PORT/KEY).",
    "Runs turnout-console-VERSION.jar from beside this tool's jar, or the jar TURNOUT_CONSOLE_JAR names; "
        + "`turnout console help` lists its options."})
final class ConsoleLauncher implements Callable<Integer> {

  static final String JAR_VARIABLE = "TURNOUT_CONSOLE_JAR";

  @ParentCommand
  Cli cli;

  @Parameters(arity = "0..*", paramLabel = "ARGUMENT", description = "the console's own options")
  List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path jar = find(System.getenv(JAR_VARIABLE), besideThisJar());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(arguments);
    cli.out().flush();
    Process p = new ProcessBuilder(command).directory(cli.workspace().dir().toFile()).inheritIO().start();
    return p.waitFor();
  }

  /** The console jar: the one {@code named} (an environment variable), else the only one in {@code dir}. */
  static Path find(String named, Path dir) throws IOException {
    if (named != null && !named.isBlank()) {
      Path jar = Path.of(named);
      if (!Files.isRegularFile(jar)) {
        throw new ToolException(JAR_VARIABLE + " names " + jar + ", which is not a file");
      }
      return jar;
    }
    if (dir != null && Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        List<Path> jars = files.filter(f -> f.getFileName().toString().matches("turnout-console(-[0-9][^/]*)?\\.jar"))
            .sorted().toList();
        if (jars.size() == 1) {
          return jars.get(0);
        }
      }
    }
    throw new ToolException("the console is a jar of its own and none was found beside this tool"
        + (dir == null ? "" : " (in " + dir + ")") + ": put turnout-console-VERSION.jar there, or name it with "
        + JAR_VARIABLE);
  }

  private static Path besideThisJar() {
    try {
      Path self = Path.of(ConsoleLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(self) ? self.getParent() : null;
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null; // no jar to look beside: the message names the variable
    }
  }
}
