package dev.turnout.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the tests' own JVM knows: its {@code java} command, the system properties the build sets; and what code
 * run in it prints on standard error.
 */
public final class TestJvm {

  private TestJvm() {}

  /** The {@code java} command of the JVM running the tests (the one Maven runs on). */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The system property {@code name}, which the module's pom sets for its tests. */
  public static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set (run the tests with Maven)");
    }
    return value;
  }

  /** The agent jar the reactor built (system property {@code turnout.agent.jar}), which must be there. */
  public static Path agentJar() {
    Path agent = Path.of(property("turnout.agent.jar"));
    if (!Files.isRegularFile(agent)) {
      throw new IllegalStateException("no agent jar at " + agent + ": build the agent module first");
    }
    return agent;
  }

  /** Runs {@code action} and gives what it printed on {@link System#err} meanwhile (which is then put back). */
  public static String stderrOf(Runnable action) {
    PrintStream previous = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(previous);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
