package dev.turnout.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged turnout-runtime jar (shaded, as published) on an application's class path that also holds
 * Jackson 2.12 (older than anything the runtime's parser runs on: no StreamReadConstraints) and Jackson 3:
 * in a JVM of its own, catalogs in YAML and JSON still load and evaluate, and the application's Jackson
 * versions stay the application's.
 */
class JacksonIsolationIT {

  private static final String CATALOG_YAML = """
      flags:
        new-checkout:
          allow: [user_123]
        log-level:
          kind: ops
          variants: { quiet: 30, normal: 20, debug: 10 }
          default: normal
          rules:
            - when: { attribute: host, op: matches, values: ["^canary-[0-9]+$"] }
              serve: debug
      """;

  private static final String CATALOG_JSON = """
      {
        "flags": {
          "new-checkout": { "allow": ["user_123"] },
          "log-level": {
            "kind": "ops",
            "variants": { "quiet": 30, "normal": 20, "debug": 10 },
            "default": "normal",
            "rules": [
              { "when": { "attribute": "host", "op": "matches", "values": ["^canary-[0-9]+$"] }, "serve": "debug" }
            ]
          }
        }
      }
      """;

  private static Path runtimeJar;

  @TempDir
  Path dir;

  @BeforeAll
  static void packagedJar() {
    runtimeJar = Paths.get(System.getProperty("turnout.runtime.jar", "missing"));
    assertThat(runtimeJar).as("the packaged runtime jar (run with mvn verify)").isRegularFile();
  }

  @Test
  void catalogsLoadAndEvaluateNextToAnOldJackson2AndJackson3() throws Exception {
    Files.writeString(dir.resolve("flags.yaml"), CATALOG_YAML);
    Files.writeString(dir.resolve("flags.json"), CATALOG_JSON);
    Path app = appClasses();
    List<String> classPath = new ArrayList<>(List.of(runtimeJar.toString(), app.toString()));
    classPath.addAll(jars(System.getProperty("turnout.it.jackson.old")));
    classPath.addAll(jars(System.getProperty("turnout.it.jackson3")));

    Map<String, String> out = run(String.join(File.pathSeparator, classPath), dir.toString());

    assertThat(out).containsEntry("app.jackson2", "2.12.7").containsEntry("app.jackson2.yaml", "2.12.7")
        .containsEntry("app.jackson3", System.getProperty("turnout.it.jackson3.version"))
        .containsEntry("app.jackson2.read", "{\"a\":1}").containsEntry("app.jackson3.read", "{\"b\":2}");
    assertThat(out.get("runtime.jar")).endsWith(runtimeJar.getFileName().toString());
    for (String name : List.of("flags.yaml", "flags.json")) {
      assertThat(out).containsEntry(name + ".flags", "2").containsEntry(name + ".canary", "debug")
          .containsEntry(name + ".other", "normal").containsEntry(name + ".allowed", "true")
          .containsEntry(name + ".error", "none");
    }
    assertThat(out.get("bad.error")).matches("bad\\.yaml:\\d+:\\d+: .+");
  }

  @Test
  void theJarCarriesItsParsersRelocatedAndNothingUnderTheirOwnNames() throws IOException {
    Pattern foreign = Pattern.compile("com/fasterxml/jackson|org/yaml/snakeyaml|com/google/re2j");
    int relocated = 0;
    try (JarFile jar = new JarFile(runtimeJar.toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        assertThat(entry.getName()).as("entry").doesNotContainPattern(foreign)
            .matches("dev/(turnout/.*)?|META-INF/.*");
        if (entry.getName().startsWith("dev/turnout/shaded/")) {
          relocated++;
        }
        if (entry.getName().endsWith(".class")) {
          try (InputStream in = jar.getInputStream(entry)) {
            // Constant pools are modified UTF-8: every class name a class refers to is plain text in it.
            String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            Matcher m = foreign.matcher(bytes);
            boolean found = m.find();
            assertThat(found).as("%s refers to %s", entry.getName(), found ? m.group() : "").isFalse();
          }
        }
      }
      assertThat(jar.getEntry("dev/turnout/shaded/jackson/core/JsonFactory.class")).isNotNull();
      assertThat(jar.getEntry("dev/turnout/shaded/jackson/dataformat/yaml/YAMLFactory.class")).isNotNull();
      assertThat(jar.getEntry("dev/turnout/shaded/snakeyaml/Yaml.class")).isNotNull();
      assertThat(jar.getEntry("dev/turnout/shaded/re2j/Pattern.class")).isNotNull();
    }
    assertThat(relocated).isGreaterThan(500);
  }

  @Test
  void thePublishedPomBringsNoDependencyToAnApplication() throws IOException {
    String pom = Files.readString(Paths.get(System.getProperty("turnout.runtime.pom", "missing")));
    Matcher dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
    int count = 0;
    while (dependency.find()) {
      count++;
      assertThat(dependency.group(1)).as("a dependency of the published POM").contains("<scope>test</scope>")
          .doesNotContain("<artifactId>jackson-core<", "<artifactId>jackson-dataformat-yaml<",
              "<artifactId>snakeyaml<", "<artifactId>re2j<");
    }
    assertThat(count).as("the test dependencies are still listed").isPositive();
  }

  /** The application class alone, copied out of test-classes: no other test class or resource comes along. */
  private Path appClasses() throws IOException {
    String file = IsolationApp.class.getName().replace('.', '/') + ".class";
    Path classes = dir.resolve("app");
    Path target = classes.resolve(file);
    Files.createDirectories(target.getParent());
    try (InputStream in = IsolationApp.class.getClassLoader().getResourceAsStream(file)) {
      Files.write(target, in.readAllBytes());
    }
    return classes;
  }

  private static List<String> jars(String folder) throws IOException {
    assertThat(folder).as("a folder of jars from the build").isNotNull();
    try (var files = Files.list(Paths.get(folder))) {
      List<String> jars = files.map(Path::toString).filter(f -> f.endsWith(".jar")).sorted().toList();
      assertThat(jars).isNotEmpty();
      return jars;
    }
  }

  private static Map<String, String> run(String classPath, String catalogDir) throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-Xshare:auto", "-cp", classPath,
        IsolationApp.class.getName(), catalogDir).redirectErrorStream(true).start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).as(output).contains("END");
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq), line.substring(eq + 1).strip());
      }
    }
    return out;
  }
}
