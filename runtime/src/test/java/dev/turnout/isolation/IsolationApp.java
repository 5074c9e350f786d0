package dev.turnout.isolation;

import dev.turnout.CatalogSource;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by {@link JacksonIsolationIT} in a JVM of its own, on a class path of the packaged runtime jar,
 * an old Jackson 2 and Jackson 3 (never the build's target/classes): prints {@code name=value} lines.
 * The application's Jackson libraries are reached by reflection, so this class compiles without them.
 */
public final class IsolationApp {

  private IsolationApp() {}

  public static void main(String[] args) throws Exception {
    // What the application itself sees and uses: its own Jackson 2 and Jackson 3.
    System.out.println("app.jackson2=" + version("com.fasterxml.jackson.core.json.PackageVersion"));
    System.out.println("app.jackson2.yaml=" + version("com.fasterxml.jackson.dataformat.yaml.PackageVersion"));
    System.out.println("app.jackson3=" + version("tools.jackson.core.json.PackageVersion"));
    Object yaml = Class.forName("com.fasterxml.jackson.dataformat.yaml.YAMLMapper").getConstructor().newInstance();
    System.out.println("app.jackson2.read=" + yaml.getClass().getMethod("readTree", String.class).invoke(yaml, "a: 1"));
    Object json = Class.forName("tools.jackson.databind.json.JsonMapper").getConstructor().newInstance();
    System.out.println("app.jackson3.read=" + json.getClass().getMethod("readTree", String.class).invoke(json, "{\"b\":2}"));

    System.out.println("runtime.jar=" + FlagEngine.class.getProtectionDomain().getCodeSource().getLocation());
    Path dir = Path.of(args[0]);
    for (String name : new String[] {"flags.yaml", "flags.json"}) {
      try (FlagEngine engine = FlagEngine.builder().source(CatalogSource.file(dir.resolve(name)))
          .environment(null).requireValidCatalog().build()) {
        EvaluationContext canary = EvaluationContext.of("user_1").with("host", "canary-7");
        EvaluationContext other = EvaluationContext.of("user_2").with("host", "web-1");
        System.out.println(name + ".flags=" + engine.flagKeys().size());
        System.out.println(name + ".canary=" + engine.variant("log-level", canary));
        System.out.println(name + ".other=" + engine.variant("log-level", other));
        System.out.println(name + ".allowed=" + engine.isEnabled("new-checkout", EvaluationContext.of("user_123")));
        System.out.println(name + ".error=" + engine.lastError().map(Throwable::getMessage).orElse("none"));
      }
    }
    // A broken catalog is still refused with its line and column, by the relocated parser.
    try (FlagEngine engine = FlagEngine.builder().source(CatalogSource.of("bad.yaml", "flags:\n  x: [\n"))
        .environment(null).build()) {
      System.out.println("bad.error=" + engine.lastError().map(e -> e.problems().get(0).toString()).orElse("none"));
    }
    System.out.println("END");
  }

  private static String version(String packageVersion) throws ReflectiveOperationException {
    Class<?> type = Class.forName(packageVersion);
    return String.valueOf(type.getField("VERSION").get(null));
  }
}
