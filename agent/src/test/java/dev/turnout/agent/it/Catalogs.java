package dev.turnout.agent.it;

import java.util.Map;
import java.util.TreeMap;

/** The catalogs the integration tests write, and what the test application answers under them. */
final class Catalogs {

  private Catalogs() {}

  /** {@code shapes} on for everyone (a constant), the others by key, attribute and variant. */
  static String withShapes(String shapesDefault) {
    return """
        flags:
          shapes:
            default: %s
          keyed:
            default: off
            allow: [alice, "42"]
          plan:
            default: off
            rules:
              - when: { attribute: plan, op: equals, values: [pro] }
                serve: on
          checkout:
            variants: [v1, v2, v3, v4]
            default: v1
            rules:
              - when: { attribute: key, op: equals, values: [u2] }
                serve: v2
              - when: { attribute: key, op: equals, values: [u3] }
                serve: v3
              - when: { attribute: key, op: equals, values: [u4] }
                serve: v4
        """.formatted(shapesDefault);
  }

  static final String ON = withShapes("on");
  static final String OFF = withShapes("off");

  /** What every gated method answers without the agent: its original body. */
  static Map<String, String> originals() {
    Map<String, String> m = new TreeMap<>();
    m.put("instance", "original s you");
    m.put("static", "3");
    m.put("private", "42");
    m.put("primitives", "original true1c2345.56.25o");
    m.put("double", "5.0");
    m.put("array", "[3, 2, 1]");
    m.put("array2d", "[[a, b]]");
    m.put("generic", "[1, 2, 3]");
    m.put("varargs", "a+b+c");
    m.put("void", "[original x]");
    m.put("checked", "original f");
    m.put("recursive", "120");
    m.put("nested", "original");
    m.put("inner", "original s");
    m.put("anonymous", "original");
    m.put("interfaceDefault", "original");
    m.put("interfaceStatic", "original");
    m.put("key.alice", "original alice");
    m.put("key.bob", "original bob");
    m.put("key.null", "original null");
    m.put("key.long42", "original 7/42");
    m.put("key.long43", "original 7/43");
    m.put("bound.none", "original");
    m.put("bound.pro", "original");
    m.put("bound.proWithKey", "original dave");
    m.put("bound.key", "original null");
    m.put("variant.u1", "original");
    m.put("variant.u2", "original");
    m.put("variant.u3", "original");
    m.put("variant.u4", "original");
    m.put("unknownFlag", "original");
    m.put("missingAlternate", "original");
    m.put("throwingKey", "original");
    m.put("notIndexed", "original");
    return m;
  }

  /** What every gated method answers with the agent under {@link #ON}. */
  static Map<String, String> routedUnderOn() {
    Map<String, String> m = originals();
    m.put("instance", "alternate s you");
    m.put("static", "1003");
    m.put("private", "63");
    m.put("primitives", "alternate true1c2345.56.25o");
    m.put("double", "2.5");
    m.put("array", "[-3, -2, -1]");
    m.put("array2d", "[[alternate]]");
    m.put("generic", "[3, 2, 1]");
    m.put("varargs", "a-b-c");
    m.put("void", "[alternate x]");
    m.put("checked", "FileNotFoundException: alternate f");
    m.put("recursive", "120000"); // 5 * 4 * 3 * 2 * 1000: every recursive call went through the gate
    m.put("nested", "alternate");
    m.put("inner", "alternate s");
    m.put("anonymous", "alternate");
    m.put("interfaceDefault", "alternate");
    m.put("interfaceStatic", "alternate");
    m.put("key.alice", "alternate alice");
    m.put("key.long42", "alternate 7/42");
    m.put("bound.pro", "alternate");
    m.put("bound.proWithKey", "alternate dave");
    m.put("bound.key", "alternate null");
    m.put("variant.u2", "v2");
    m.put("variant.u3", "v3");
    return m;
  }

  /** Under {@link #OFF}: only {@code shapes} changes, back to the original bodies. */
  static Map<String, String> routedUnderOff() {
    Map<String, String> m = routedUnderOn();
    for (String shape : new String[] {"instance", "static", "private", "primitives", "double", "array", "array2d",
        "generic", "varargs", "void", "checked", "recursive", "nested", "inner", "anonymous", "interfaceDefault",
        "interfaceStatic"}) {
      m.put(shape, originals().get(shape));
    }
    return m;
  }
}
