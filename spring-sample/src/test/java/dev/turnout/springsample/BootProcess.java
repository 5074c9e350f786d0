package dev.turnout.springsample;

import dev.turnout.testsupport.AppProcess;
import dev.turnout.testsupport.CatalogFile;
import dev.turnout.testsupport.TestJvm;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spring sample in a JVM of its own, started the way one of the documented set-ups starts it, its
 * output collected line by line. Spring Boot prints the port Tomcat listens on; a DevTools restart
 * prints it again (the port may change), so {@link #awaitStart(int)} waits for the n-th start.
 */
final class BootProcess extends AppProcess {

  private static final Pattern LISTENING = Pattern.compile("Tomcat started on port (\\d+)");
  /** Spring Boot's last line of a start, after the server's. */
  private static final Pattern STARTED = Pattern.compile("Started \\w+ in ");
  /** Generous: several builds may share this machine's cores while a Spring context starts. */
  static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private BootProcess(List<String> command, Map<String, String> environment, Path directory) throws IOException {
    super("spring-sample", command, environment, directory, Duration.ofSeconds(30));
  }

  /** Starts {@code command} in {@code directory} with these environment variables set, and waits for its server. */
  static BootProcess start(List<String> command, Map<String, String> environment, Path directory)
      throws IOException, InterruptedException {
    BootProcess started = new BootProcess(command, environment, directory);
    try {
      started.awaitStart(1);
    } catch (RuntimeException | InterruptedException e) {
      started.close();
      throw e;
    }
    return started;
  }

  /** The {@code -javaagent:} option for the agent jar the reactor built, reading {@code catalog}, logging each class it gates. */
  static String agentOption(Path catalog) {
    return "-javaagent:" + TestJvm.agentJar() + "=flags=" + catalog + ",log=debug";
  }

  /** Copies the module's {@code src/main/resources/turnout/flags.yaml} into {@code directory}. */
  static CatalogFile copyOfSample(Path directory) throws IOException {
    return CatalogFile.copyOf(Path.of(TestJvm.property("sample.catalog")), directory);
  }

  /** The JVM options every start uses: fast start for short-lived JVMs, no CDS warning under the agent. */
  static List<String> jvmOptions() {
    return new ArrayList<>(List.of(TestJvm.java(), "-Xshare:off", "-XX:TieredStopAtLevel=1"));
  }

  /**
   * Waits until the application has started {@code count} times (a DevTools restart starts it again),
   * its server and then the whole context, and returns its address as of that start.
   */
  URI awaitStart(int count) throws InterruptedException {
    return await(START_TIMEOUT, "start " + count + " time(s)", output -> {
      List<String> ports = new ArrayList<>();
      int started = 0;
      for (String line : output) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          ports.add(m.group(1));
        }
        if (STARTED.matcher(line).find()) {
          started++;
        }
      }
      return ports.size() >= count && started >= count ? URI.create("http://localhost:" + ports.get(count - 1) + "/") : null;
    });
  }
}
