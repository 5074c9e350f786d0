package dev.turnout.agent.it.app;

import dev.turnout.EvaluationContext;
import dev.turnout.FeatureFlag;
import dev.turnout.TargetingKey;
import dev.turnout.Turnout;
import dev.turnout.Variant;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Gated methods of every shape; each track says which one ran. Indexed in META-INF/turnout/agent.idx. */
public class Shapes {

  private final String name;

  public Shapes(String name) {
    this.name = name;
  }

  // The first anonymous class of this file, so it is Shapes$1 in the index.
  static Supplier<String> anonymous() {
    return new Supplier<String>() {
      @FeatureFlag(value = "shapes", alternate = "getAlternate")
      @Override
      public String get() {
        return "original";
      }

      public String getAlternate() {
        return "alternate";
      }
    };
  }

  @FeatureFlag(value = "shapes", alternate = "greetAlternate")
  public String greet(String who) {
    return "original " + name + " " + who;
  }

  public String greetAlternate(String who) {
    return "alternate " + name + " " + who;
  }

  @FeatureFlag(value = "shapes", alternate = "addAlternate")
  public static int add(int a, int b) {
    return a + b;
  }

  static int addAlternate(int a, int b) {
    return a + b + 1000;
  }

  @FeatureFlag(value = "shapes", alternate = "twiceAlternate")
  private long twice(long x) {
    return 2 * x;
  }

  private long twiceAlternate(long x) {
    return 3 * x;
  }

  public long callTwice(long x) {
    return twice(x);
  }

  @FeatureFlag(value = "shapes", alternate = "mixAlternate")
  static String mix(boolean z, byte b, char c, short s, int i, long l, float f, double d, Object o) {
    return "original " + z + b + c + s + i + l + f + d + o;
  }

  static String mixAlternate(boolean z, byte b, char c, short s, int i, long l, float f, double d, Object o) {
    return "alternate " + z + b + c + s + i + l + f + d + o;
  }

  @FeatureFlag(value = "shapes", alternate = "halfAlternate")
  public static double half(double x) {
    return x / 2;
  }

  public static double halfAlternate(double x) {
    return x / 4;
  }

  @FeatureFlag(value = "shapes", alternate = "reverseAlternate")
  public int[] reverse(int[] xs) {
    int[] out = new int[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = xs[xs.length - 1 - i];
    }
    return out;
  }

  public int[] reverseAlternate(int[] xs) {
    int[] out = new int[xs.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = -xs[xs.length - 1 - i];
    }
    return out;
  }

  @FeatureFlag(value = "shapes", alternate = "gridAlternate")
  static String[][] grid(String[][] in) {
    return in;
  }

  static String[][] gridAlternate(String[][] in) {
    return new String[][] {{"alternate"}};
  }

  @FeatureFlag(value = "shapes", alternate = "sortedAlternate")
  public <T extends Comparable<T>> List<T> sorted(List<T> in) {
    List<T> out = new ArrayList<>(in);
    out.sort(Comparator.naturalOrder());
    return out;
  }

  public <T extends Comparable<T>> List<T> sortedAlternate(List<T> in) {
    List<T> out = new ArrayList<>(in);
    out.sort(Comparator.reverseOrder());
    return out;
  }

  @FeatureFlag(value = "shapes", alternate = "joinAlternate")
  public String join(String... parts) {
    return String.join("+", parts);
  }

  public String joinAlternate(String... parts) {
    return String.join("-", parts);
  }

  @FeatureFlag(value = "shapes", alternate = "recordAlternate")
  public void record(List<String> sink, String s) {
    sink.add("original " + s);
  }

  public void recordAlternate(List<String> sink, String s) {
    sink.add("alternate " + s);
  }

  @FeatureFlag(value = "shapes", alternate = "loadAlternate")
  public String load(String file) throws IOException {
    return "original " + file;
  }

  public String loadAlternate(String file) throws IOException {
    throw new FileNotFoundException("alternate " + file);
  }

  @FeatureFlag(value = "shapes", alternate = "factorialAlternate")
  public static long factorial(int n) {
    return n <= 1 ? 1 : n * factorial(n - 1);
  }

  static long factorialAlternate(int n) {
    return n <= 1 ? 1000 : n * factorial(n - 1);
  }

  @FeatureFlag(value = "keyed", alternate = "forUserAlternate")
  public String forUser(@TargetingKey String user) {
    return "original " + user;
  }

  public String forUserAlternate(String user) {
    return "alternate " + user;
  }

  @FeatureFlag(value = "keyed", alternate = "forIdAlternate")
  public static String forId(int tenant, @TargetingKey long id) {
    return "original " + tenant + "/" + id;
  }

  static String forIdAlternate(int tenant, long id) {
    return "alternate " + tenant + "/" + id;
  }

  @FeatureFlag(value = "plan", alternate = "byPlanAlternate")
  public String byPlan() {
    return "original";
  }

  public String byPlanAlternate() {
    return "alternate";
  }

  @FeatureFlag(value = "plan", alternate = "byPlanForAlternate")
  public String byPlanFor(@TargetingKey String user) {
    return "original " + user;
  }

  public String byPlanForAlternate(String user) {
    return "alternate " + user;
  }

  @FeatureFlag(value = "checkout", variants = {
      @Variant(value = "v2", method = "checkoutV2"),
      @Variant(value = "v3", method = "checkoutV3")})
  public String checkout(@TargetingKey String user) {
    return "original";
  }

  public String checkoutV2(String user) {
    return "v2";
  }

  public String checkoutV3(String user) {
    return "v3";
  }

  @FeatureFlag(value = "not-in-catalog", alternate = "unknownAlternate")
  public String unknown() {
    return "original";
  }

  public String unknownAlternate() {
    return "alternate";
  }

  @FeatureFlag(value = "keyed", alternate = "riskyAlternate")
  public String risky(@TargetingKey Object key) {
    return "original";
  }

  public String riskyAlternate(Object key) {
    return "alternate";
  }

  @FeatureFlag(value = "shapes", alternate = "missing")
  public String broken() {
    return "original";
  }

  /** A static nested class. */
  public static final class Nested {
    @FeatureFlag(value = "shapes", alternate = "valueAlternate")
    public String value() {
      return "original";
    }

    public String valueAlternate() {
      return "alternate";
    }
  }

  /** An inner class. */
  public final class Inner {
    @FeatureFlag(value = "shapes", alternate = "valueAlternate")
    public String value() {
      return "original " + name;
    }

    public String valueAlternate() {
      return "alternate " + name;
    }
  }

  /** An interface with gated default and static methods. */
  public interface Greeter {
    @FeatureFlag(value = "shapes", alternate = "helloAlternate")
    default String hello() {
      return "original";
    }

    default String helloAlternate() {
      return "alternate";
    }

    @FeatureFlag(value = "shapes", alternate = "shoutAlternate")
    static String shout() {
      return "original";
    }

    private static String shoutAlternate() {
      return "alternate";
    }
  }

  /** The shapes that need no Turnout class: calling them loads every gated class, and no runtime class. */
  public static Map<String, String> plain() {
    Map<String, String> out = new LinkedHashMap<>();
    Shapes s = new Shapes("s");
    out.put("instance", s.greet("you"));
    out.put("static", String.valueOf(add(1, 2)));
    out.put("private", String.valueOf(s.callTwice(21)));
    out.put("primitives", mix(true, (byte) 1, 'c', (short) 2, 3, 4L, 5.5f, 6.25, "o"));
    out.put("double", String.valueOf(half(10)));
    out.put("array", Arrays.toString(s.reverse(new int[] {1, 2, 3})));
    out.put("array2d", Arrays.deepToString(grid(new String[][] {{"a", "b"}})));
    out.put("generic", s.sorted(List.of(2, 3, 1)).toString());
    out.put("varargs", s.join("a", "b", "c"));
    List<String> sink = new ArrayList<>();
    s.record(sink, "x");
    out.put("void", sink.toString());
    try {
      out.put("checked", s.load("f"));
    } catch (IOException e) {
      out.put("checked", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    out.put("recursive", String.valueOf(factorial(5)));
    out.put("nested", new Nested().value());
    out.put("inner", s.new Inner().value());
    out.put("anonymous", anonymous().get());
    out.put("interfaceDefault", new Greeter() {}.hello());
    out.put("interfaceStatic", Greeter.shout());
    out.put("key.alice", s.forUser("alice"));
    out.put("key.bob", s.forUser("bob"));
    out.put("key.null", s.forUser(null));
    out.put("key.long42", forId(7, 42L));
    out.put("key.long43", forId(7, 43L));
    out.put("bound.none", s.byPlan());
    return out;
  }

  /** Every shape, called once: shape name to what it returned. */
  @SuppressWarnings("try") // the scopes are only bound, not used
  public static Map<String, String> run() {
    Map<String, String> out = plain();
    Shapes s = new Shapes("s");
    try (Turnout.Scope scope = Turnout.bind(EvaluationContext.of("carol").with("plan", "pro"))) {
      out.put("bound.pro", s.byPlan());
      out.put("bound.proWithKey", s.byPlanFor("dave"));
      try (Turnout.Scope inner = Turnout.bind(EvaluationContext.of("alice"))) {
        out.put("bound.key", s.forUser(null));
      }
    }
    out.put("variant.u1", s.checkout("u1"));
    out.put("variant.u2", s.checkout("u2"));
    out.put("variant.u3", s.checkout("u3"));
    out.put("variant.u4", s.checkout("u4"));
    out.put("unknownFlag", s.unknown());
    out.put("missingAlternate", s.broken());
    out.put("throwingKey", s.risky(new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("no key today");
      }
    }));
    out.put("notIndexed", new NotIndexed().value());
    return out;
  }
}
