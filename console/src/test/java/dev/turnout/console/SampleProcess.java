package dev.turnout.console;

import dev.turnout.testsupport.AppProcess;
import dev.turnout.testsupport.Http;
import dev.turnout.testsupport.TestJvm;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample application in a JVM of its own, from its packaged jar under the agent, reading its catalog from a
 * file or from etcd; a user of it is named by the {@code X-User} header.
 */
final class SampleProcess extends AppProcess {

  private static final Pattern LISTENING = Pattern.compile("listening on (http://localhost:\\d+/)");

  private URI base;
  private Http http;

  private SampleProcess(String agent, String agentOptions, Path data) throws IOException {
    super("sample", List.of(TestJvm.java(), "-Xshare:off", "-javaagent:" + agent + "=" + agentOptions,
        "-XX:TieredStopAtLevel=1", "-jar", TestJvm.property("sample.jar"), "--port", "0", "--data", data.toString()),
        Map.of(), null, Duration.ofSeconds(20));
  }

  /** Starts the sample under the agent watching the catalog file {@code catalog}, in {@code env}; see {@link #started}. */
  static SampleProcess watchingFile(Path catalog, String env, Path dir) throws IOException {
    return new SampleProcess(TestJvm.agentJar().toString(), "flags=" + catalog + ",env=" + env, dir.resolve("data"));
  }

  /**
   * Starts the sample under the agent reading its catalog from etcd at {@code address}, in {@code env}, reporting to
   * the fleet as application {@code sample}, without a last-good copy; see {@link #started}. The agent and its etcd
   * plug-in are copied side by side under their documented names, as the docs install them.
   */
  static SampleProcess watchingEtcd(String address, String env, Path dir) throws IOException {
    Path agents = Files.createDirectories(dir.resolve("turnout"));
    Path agent = Files.copy(TestJvm.agentJar(), agents.resolve("turnout-agent.jar"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(Path.of(TestJvm.property("turnout.etcd.plugin")), agents.resolve("turnout-etcd-agent-plugin.jar"),
        StandardCopyOption.REPLACE_EXISTING);
    return new SampleProcess(agent.toString(), "source=" + address + ",cache=off,app=sample,env=" + env,
        dir.resolve("data"));
  }

  /** Waits until the sample listens. */
  SampleProcess started() throws InterruptedException {
    if (base == null) {
      base = await(Duration.ofSeconds(60), "start", lines -> lines.stream().map(LISTENING::matcher)
          .filter(Matcher::find).map(m -> URI.create(m.group(1))).findFirst().orElse(null));
      http = new Http(base, Duration.ofSeconds(10), user -> Map.of("X-User", user));
    }
    return this;
  }

  /** A client of the started sample. */
  Http http() {
    return http;
  }
}
