package dev.turnout.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's turnout-runtime serves every Turnout class in the JVM: when the application carries another
 * version, the agent says so once on standard error, and starts all the same.
 */
class RuntimeVersionIT {

  private static final String MISMATCH = "Turnout agent: the application carries turnout-runtime ";

  @TempDir
  Path dir;

  @Test
  void anApplicationBuiltWithAnotherRuntimeVersionIsToldOnceAndStillRoutes() throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, Catalogs.ON);
    // The application's turnout-runtime, as a jar of another version would be: its version record only
    // (its classes would be shadowed by the agent's copy anyway, so the application runs on those).
    Path other = dir.resolve("turnout-runtime-0.0.1.jar");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(other))) {
      jar.putNextEntry(new JarEntry("META-INF/turnout/runtime.properties"));
      jar.write("version=0.0.1\n".getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    String withoutOwnRuntime = Arrays.stream(System.getProperty("turnout.it.classpath").split(File.pathSeparator))
        .filter(entry -> !isRuntime(entry)).collect(Collectors.joining(File.pathSeparator));

    try (App app = App.startMain("dev.turnout.agent.it.app.ShapesApp", String.join(File.pathSeparator, classes(),
        other.toString(), withoutOwnRuntime, System.getProperty("turnout.it.bytebuddy")), "flags=" + catalog)) {
      assertThat(new TreeMap<>(app.command("gates"))).isEqualTo(Catalogs.routedUnderOn());
      String stderr = app.stderr();
      assertThat(stderr.lines().filter(line -> line.startsWith(MISMATCH)))
          .singleElement().asString()
          .contains("turnout-runtime 0.0.1 (" + other + ")")
          .contains("the agent's turnout-runtime " + System.getProperty("turnout.version"));
    }
  }

  @Test
  void anExecutableJarNestingAnotherRuntimeVersionIsToldOnceAndStillRoutes() throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.writeString(catalog, Catalogs.ON);
    // As Spring Boot lays out an executable jar: the libraries nested, stored, in BOOT-INF/lib, here a
    // turnout-runtime of another version (its version record after a few other entries). The application's
    // classes and its own turnout-runtime, of the agent's version, come from the manifest's Class-Path.
    Path executable = dir.resolve("app.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.turnout.agent.it.app.ShapesApp");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Stream.concat(Stream.of(classes()),
            Stream.of((System.getProperty("turnout.it.classpath") + File.pathSeparator
                + System.getProperty("turnout.it.bytebuddy")).split(File.pathSeparator)))
        .map(entry -> Paths.get(entry).toUri().toString()).collect(Collectors.joining(" ")));
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(executable), manifest)) {
      // Another library that happens to carry a version record: only turnout-runtime jars are read.
      store(jar, "BOOT-INF/lib/slf4j-api-2.0.0.jar", nestedJar("org/slf4j/Logger.class", "version=9.9.9\n"));
      // A damaged one (an entry header naming more than the jar holds: reading it fails), which the agent skips,
      // and the one of another version.
      store(jar, "BOOT-INF/lib/turnout-runtime-0.0.0.jar", damagedJar());
      store(jar, "BOOT-INF/lib/turnout-runtime-0.0.1.jar", nestedJar("dev/turnout/Turnout.class", "version=0.0.1\n"));
    }

    try (App app = App.startJar(executable, "flags=" + catalog)) {
      assertThat(new TreeMap<>(app.command("gates"))).isEqualTo(Catalogs.routedUnderOn());
      assertThat(app.stderr().lines().filter(line -> line.startsWith(MISMATCH)))
          .singleElement().asString()
          .contains("turnout-runtime 0.0.1 (" + executable + "!/BOOT-INF/lib/turnout-runtime-0.0.1.jar)")
          .contains("the agent's turnout-runtime " + System.getProperty("turnout.version"))
          .doesNotContain("9.9.9");
    }
  }

  /** A jar with a manifest, {@code before} (a class) and then the version record {@code version}. */
  private static byte[] nestedJar(String before, String version) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, new Manifest())) {
      jar.putNextEntry(new JarEntry(before));
      jar.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
      jar.closeEntry();
      jar.putNextEntry(new JarEntry("META-INF/turnout/runtime.properties"));
      jar.write(version.getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    return bytes.toByteArray();
  }

  /** The start of a jar whose first entry's header gives a name longer than the bytes that follow. */
  private static byte[] damagedJar() {
    byte[] header = new byte[34];
    header[0] = 'P';
    header[1] = 'K';
    header[2] = 3;
    header[3] = 4;
    header[26] = (byte) 0xFF; // the name's length: 65535 bytes
    header[27] = (byte) 0xFF;
    return header;
  }

  /** Adds {@code content} uncompressed, as Spring Boot stores nested jars. */
  private static void store(JarOutputStream jar, String name, byte[] content) throws IOException {
    JarEntry entry = new JarEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(content.length);
    entry.setCompressedSize(content.length);
    CRC32 crc = new CRC32();
    crc.update(content);
    entry.setCrc(crc.getValue());
    jar.putNextEntry(entry);
    jar.write(content);
    jar.closeEntry();
  }

  @Test
  void anApplicationBuiltWithTheAgentsRuntimeVersionHearsNothing() throws Exception {
    assertThat(System.getProperty("turnout.it.classpath").split(File.pathSeparator))
        .as("the application carries its own turnout-runtime").anyMatch(RuntimeVersionIT::isRuntime);
    try (App app = App.start("")) {
      assertThat(app.command("state")).containsEntry("turnout.loader", "bootstrap");
      assertThat(app.stderr()).doesNotContain(MISMATCH);
    }
  }

  /** The turnout-runtime entry of the test class path: its jar, or its classes in the reactor. */
  private static boolean isRuntime(String entry) {
    Path path = Paths.get(entry);
    String name = path.getFileName().toString();
    return name.startsWith("turnout-runtime") || path.endsWith(Paths.get("runtime", "target", "classes"));
  }

  private static String classes() throws URISyntaxException {
    return Paths.get(App.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
