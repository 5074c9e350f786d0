package dev.turnout.maven;

import dev.turnout.cli.api.CatalogFile;
import dev.turnout.cli.api.ToolException;
import dev.turnout.cli.api.Workspace;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Makes a catalog change recompile the code that depends on it. The compiler plugin looks only at
 * sources, so a flag deleted from the catalog would otherwise leave the old {@code Flags} class and
 * every use of it compiled until a {@code clean}. This goal writes the catalog's SHA-256 into a tiny
 * generated source, {@code TurnoutCatalogFingerprint.java}, and rewrites that file only when the
 * catalog changed: the compiler plugin (with its default {@code useIncrementalCompilation=true}) then
 * sees a changed source and recompiles the whole module, so the annotation processor checks every use
 * of every flag against the new catalog.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.turnout</groupId>
 *   <artifactId>turnout-maven-plugin</artifactId>
 *   <version>...</version>
 *   <executions><execution><goals><goal>fingerprint</goal></goals></execution></executions>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "fingerprint", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class FingerprintMojo extends AbstractMojo {

  /** The generated class's simple name. */
  static final String CLASS_NAME = "TurnoutCatalogFingerprint";

  private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
      "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
      "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
      "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
      "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
      "true", "false", "null", "var", "yield", "record", "sealed", "permits", "_");

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** The project's directory; the catalog is found relative to it. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  /** The catalog (default: src/main/resources/turnout/flags.yaml, .yml or .json). */
  @Parameter(property = "turnout.catalog")
  File catalog;

  /** Where the generated source goes; it is added to the compile source roots. */
  @Parameter(defaultValue = "${project.build.directory}/generated-sources/turnout", required = true)
  File outputDirectory;

  /**
   * The generated class's package (default: the project's groupId and artifactId, made into a Java
   * package name). Set it when a package of that name would be awkward, e.g. in a named module.
   */
  @Parameter(property = "turnout.fingerprintPackage")
  String fingerprintPackage;

  /** Skips the goal. */
  @Parameter(property = "turnout.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("turnout:fingerprint skipped");
      return;
    }
    CatalogFile file;
    try {
      file = new Workspace(basedir.toPath()).catalog(catalog == null ? null : catalog.getPath());
    } catch (ToolException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    String packageName = fingerprintPackage == null || fingerprintPackage.isBlank()
        ? packageName(project.getGroupId() + "." + project.getArtifactId())
        : fingerprintPackage.trim();
    Path root = outputDirectory.toPath();
    Path source = root.resolve(packageName.replace('.', '/')).resolve(CLASS_NAME + ".java");
    String text = source(packageName, file.display(), sha256(file.display() + "\n" + file.text()));
    try {
      if (Files.isRegularFile(source) && Files.readString(source, StandardCharsets.UTF_8).equals(text)) {
        getLog().debug(file.display() + " unchanged since the last build");
      } else {
        boolean changed = Files.exists(source);
        Files.createDirectories(source.getParent());
        Files.writeString(source, text, StandardCharsets.UTF_8);
        getLog().info(changed ? file.display() + " changed: the module's sources are compiled again"
            : file.display() + " fingerprinted in " + outputDirectory.toPath().relativize(source));
      }
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write " + source + ": " + e.getMessage(), e);
    }
    project.addCompileSourceRoot(root.toString());
  }

  /** The generated source; it changes exactly when the catalog's name or content changes. */
  static String source(String packageName, String catalogName, String sha256) {
    return "// Generated by turnout:fingerprint from " + catalogName.replace('\n', ' ') + "; do not edit.\n"
        + "// It changes when the catalog changes, so that the compiler recompiles the module.\n"
        + "package " + packageName + ";\n\n"
        + "final class " + CLASS_NAME + " {\n"
        + "  static final String SHA256 = \"" + sha256 + "\";\n\n"
        + "  private " + CLASS_NAME + "() {}\n"
        + "}\n";
  }

  /** {@code name} as a valid Java package name: illegal characters become {@code _}, as do keywords. */
  static String packageName(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.toLowerCase(Locale.ROOT).split("\\.")) {
      if (part.isEmpty()) {
        continue;
      }
      StringBuilder segment = new StringBuilder();
      part.codePoints().forEach(c -> segment.appendCodePoint(Character.isJavaIdentifierPart(c) ? c : '_'));
      if (!Character.isJavaIdentifierStart(segment.codePointAt(0)) || KEYWORDS.contains(segment.toString())) {
        segment.insert(0, '_');
      }
      out.append(out.length() == 0 ? "" : ".").append(segment);
    }
    return out.length() == 0 ? "turnout" : out.toString();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
