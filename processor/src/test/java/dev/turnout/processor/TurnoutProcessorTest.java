package dev.turnout.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.turnout.processor.Fixtures.compile;
import static dev.turnout.processor.Fixtures.compileWith;
import static dev.turnout.processor.Fixtures.contents;
import static dev.turnout.processor.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** What the processor generates, compared with golden files, and how it chooses where. */
class TurnoutProcessorTest {

  static final JavaFileObject TASKS = source("com.example.tasks.Tasks", """
      package com.example.tasks;

      import dev.turnout.FeatureFlag;
      import dev.turnout.TargetingKey;
      import dev.turnout.Turnout;
      import dev.turnout.Variant;
      import java.io.IOException;
      import java.util.List;

      public class Tasks {
        @FeatureFlag(value = Flags.PRODUCT_TASKS_103_COMMENTS, alternate = "listWithComments")
        List<String> list(@TargetingKey String userId) throws IOException {
          return List.of();
        }

        List<String> listWithComments(String userId) {
          return List.of("comments");
        }

        @FeatureFlag(value = "checkout-flow", variants = {
            @Variant(value = "v2", method = "checkoutV2"),
            @Variant(value = "v3", method = "checkoutV3")})
        static String checkout(int cart, @TargetingKey long account) {
          return "v1";
        }

        static String checkoutV2(int cart, long account) {
          return "v2";
        }

        static String checkoutV3(int cart, long account) {
          return "v3";
        }

        boolean newCheckout() {
          return Turnout.isEnabled(Flags.NEW_CHECKOUT);
        }

        public static class Inner {
          @FeatureFlag(value = "new-checkout", alternate = "fast")
          void slow(String[] items) {}

          void fast(String[] items) {}
        }
      }
      """);

  @Test
  void generatesFlagsRegistryAndAgentIndexAsTheGoldenFiles() {
    Compilation compilation = compileWith("tasks.yaml", TASKS);

    assertThat(compilation).succeededWithoutWarnings();
    assertGolden(contents(compilation.generatedSourceFile("com.example.tasks.Flags").orElseThrow()), "tasks/Flags.java");
    assertGolden(contents(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/turnout/registry.json")
        .orElseThrow()), "tasks/registry.json");
    assertGolden(contents(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/turnout/agent.idx")
        .orElseThrow()), "tasks/agent.idx");
  }

  private static void assertGolden(String actual, String golden) {
    assertThat(actual).isEqualTo(Fixtures.golden(golden, actual));
  }

  @Test
  void generatesTheSameBytesEveryTime() {
    String first = contents(compileWith("tasks.yaml", TASKS)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/turnout/registry.json").orElseThrow());
    String second = contents(compileWith("tasks.yaml", TASKS)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/turnout/registry.json").orElseThrow());
    assertThat(second).isEqualTo(first);
  }

  @Test
  void withoutACatalogTakesTheConstantsFromTheCodeAndWarnsOnce() {
    JavaFileObject shop = source("com.example.shop.Shop", """
        package com.example.shop;

        import dev.turnout.FeatureFlag;
        import dev.turnout.Turnout;
        import dev.turnout.Variant;

        class Shop {
          @FeatureFlag(value = "dark-mode", alternate = "dark")
          void light() {}

          void dark() {}

          @FeatureFlag(value = "layout", variants = @Variant(value = "grid", method = "grid"))
          void list() {}

          void grid() {}

          boolean beta() {
            return Turnout.isEnabled("beta-" + "banner");
          }
        }
        """);
    JavaFileObject user = source("com.example.shop.cart.Cart", """
        package com.example.shop.cart;

        import com.example.shop.Flags;
        import dev.turnout.Turnout;

        class Cart {
          boolean dark() {
            return Turnout.isEnabled(Flags.DARK_MODE);
          }
        }
        """);

    Compilation compilation = compile(List.of(), shop, user);

    assertThat(compilation).succeeded();
    assertThat(compilation.warnings()).hasSize(1);
    assertThat(compilation).hadWarningContaining("[turnout.no-catalog]");
    assertGolden(contents(compilation.generatedSourceFile("com.example.shop.Flags").orElseThrow()),
        "nocatalog/Flags.java");
  }

  @Test
  void thePackageOptionWinsOverTheCatalog() {
    JavaFileObject tasks = source("com.example.tasks.Tasks", contents(TASKS)
        .replace("import dev.turnout.FeatureFlag;", "import com.example.flags.Flags;\nimport dev.turnout.FeatureFlag;"));

    Compilation compilation =
        compile(List.of(Fixtures.catalog("tasks.yaml"), "-Aturnout.package=com.example.flags"), tasks);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.flags.Flags");
    assertThat(contents(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/turnout/registry.json")
        .orElseThrow())).contains("\"package\": \"com.example.flags\"");
  }

  @Test
  void withoutAPackageSettingUsesTheLongestCommonPackageOfTheGatedClasses() {
    JavaFileObject a = source("com.example.app.orders.Orders", """
        package com.example.app.orders;

        class Orders {
          @dev.turnout.FeatureFlag(value = "new-checkout", alternate = "b")
          void a() {}

          void b() {}
        }
        """);
    JavaFileObject b = source("com.example.app.billing.Bills", """
        package com.example.app.billing;

        class Bills {
          @dev.turnout.FeatureFlag(value = "new-checkout", alternate = "b")
          void a() {}

          void b() {}
        }
        """);
    JavaFileObject unrelated = source("org.other.Util", """
        package org.other;

        class Util {}
        """);

    Compilation compilation = compile(List.of(), a, b, unrelated);

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("com.example.app.Flags");
    assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/turnout/agent.idx")
        .contentsAsUtf8String().isEqualTo("# Classes with @FeatureFlag methods, for the Turnout agent. Generated by "
            + "dev.turnout.processor.TurnoutProcessor.\ncom.example.app.billing.Bills\ncom.example.app.orders.Orders\n");
  }

  @Test
  void generatesNothingForCodeWithoutFlags() {
    Compilation compilation = compile(List.of(), source("com.example.Plain", """
        package com.example;

        class Plain {}
        """));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).isEmpty();
    assertThat(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/turnout/agent.idx")).isEmpty();
  }

  @Test
  void declaresItsOptionsAndEveryAnnotation() {
    TurnoutProcessor processor = new TurnoutProcessor();
    assertThat(processor.getSupportedOptions())
        .containsExactlyInAnyOrder("turnout.catalog", "turnout.package", "turnout.strict");
    assertThat(processor.getSupportedAnnotationTypes()).containsExactly("*");
  }
}
