package dev.turnout.agent.it.app;

import java.util.LinkedHashMap;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

/** The application's own Byte Buddy (another version than the agent's) generating a class. */
final class OwnByteBuddy {

  private OwnByteBuddy() {}

  static Map<String, String> run() throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("bytebuddy.jar", ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().getPath()
        .replaceAll(".*/", ""));
    Object made = new ByteBuddy()
        .subclass(Object.class)
        .method(ElementMatchers.named("toString"))
        .intercept(FixedValue.value("made by the application's Byte Buddy"))
        .make()
        .load(OwnByteBuddy.class.getClassLoader())
        .getLoaded()
        .getConstructor()
        .newInstance();
    out.put("bytebuddy.made", made.toString());
    return out;
  }
}
