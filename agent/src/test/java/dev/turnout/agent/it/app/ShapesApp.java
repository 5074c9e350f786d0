package dev.turnout.agent.it.app;

import dev.turnout.Turnout;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The test application: answers commands read line by line from standard input with
 * {@code name=value} lines, then {@code END}.
 *
 * <ul>
 *   <li>{@code gates}: every gated method shape ({@link Shapes#run()});
 *   <li>{@code plain}: the shapes that touch no Turnout class ({@link Shapes#plain()});
 *   <li>{@code state}: where Turnout comes from and what a programmatic check says;
 *   <li>{@code probe}: one gated call and one programmatic check of the flag {@code shapes};
 *   <li>{@code loaders}: gated methods in custom class loaders;
 *   <li>{@code bytebuddy}: the application's own Byte Buddy at work.
 * </ul>
 *
 * <p>With {@code -Dshapes.first=true} it makes one gated call before anything else, as its very first
 * action, and prints {@code first=} and the answer before {@code READY}.
 */
public final class ShapesApp {

  private ShapesApp() {}

  public static void main(String[] args) throws Exception {
    if (Boolean.getBoolean("shapes.first")) {
      System.out.println("first=" + new Shapes("f").greet("x"));
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("READY");
    for (String line; (line = in.readLine()) != null; ) {
      Map<String, String> out = switch (line.strip()) {
        case "gates" -> Shapes.run();
        case "plain" -> Shapes.plain();
        case "state" -> state();
        case "probe" -> Map.of("probe", new Shapes("p").greet("x") + "|" + Turnout.isEnabled("shapes"));
        case "loaders" -> Loaders.run();
        case "bytebuddy" -> OwnByteBuddy.run();
        case "exit" -> null;
        default -> Map.of("error", "unknown command " + line);
      };
      if (out == null) {
        return;
      }
      out.forEach((k, v) -> System.out.println(k + "=" + v));
      System.out.println("END");
      System.out.flush();
    }
  }

  private static Map<String, String> state() {
    Map<String, String> out = new LinkedHashMap<>();
    ClassLoader loader = Turnout.class.getClassLoader();
    out.put("turnout.loader", loader == null ? "bootstrap" : "application");
    out.put("programmatic.shapes", String.valueOf(Turnout.isEnabled("shapes")));
    out.put("engine.environment", String.valueOf(Turnout.engine().environment()));
    return out;
  }
}
