package dev.turnout.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.turnout.processor.Fixtures.compileWith;
import static dev.turnout.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Keys and variants pinned in tests with turnout-junit's annotations are checked like any other key. */
class PinKeysTest {

  /** turnout-junit's annotations, as far as the processor sees them: by name. */
  private static final JavaFileObject WITH_FLAG = source("dev.turnout.junit.WithFlag", """
      package dev.turnout.junit;

      @java.lang.annotation.Repeatable(WithFlags.class)
      public @interface WithFlag {
        String value();
        String variant() default "on";
      }
      """);
  private static final JavaFileObject WITH_FLAGS = source("dev.turnout.junit.WithFlags", """
      package dev.turnout.junit;

      public @interface WithFlags {
        WithFlag[] value();
      }
      """);
  private static final JavaFileObject VARY_FLAG = source("dev.turnout.junit.VaryFlag", """
      package dev.turnout.junit;

      public @interface VaryFlag {
        String value();
        String[] variants() default {};
      }
      """);

  private static Compilation compile(JavaFileObject test) {
    return compileWith("tasks.yaml", WITH_FLAG, WITH_FLAGS, VARY_FLAG, test);
  }

  @Test
  void unknownKeysAndVariantsInPinsAreErrorsOnTheAttribute() {
    JavaFileObject t = source("com.example.tasks.PinTest", """
        package com.example.tasks;

        import dev.turnout.junit.*;

        @WithFlag(value = "new-chekout")
        class PinTest {
          @WithFlag(value = "checkout-flow", variant = "v4")
          void a() {}

          @WithFlag(value = "new-checkout", variant = "off")
          @WithFlag("chekout-flow")
          void b() {}

          @VaryFlag(value = "checkout-flow", variants = {"v2", "v9"})
          void c() {}

          @VaryFlag("product-TASKS-103-coments")
          void d() {}

          @WithFlag("checkout-flow")
          void e() {}
        }
        """);

    Compilation compilation = compile(t);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[turnout.unknown-flag] unknown flag 'new-chekout'")
        .inFile(t).onLine(5).atColumn(19);
    assertThat(compilation).hadErrorContaining("[turnout.unknown-variant] flag 'checkout-flow' has no variant 'v4'")
        .inFile(t).onLine(7).atColumn(48);
    // A repeated pin sits in the container javac writes, which has no place in the source: reported on the method.
    assertThat(compilation).hadErrorContaining("(did you mean 'checkout-flow'?)").inFile(t).onLine(12);
    assertThat(compilation).hadErrorContaining("[turnout.unknown-variant] flag 'checkout-flow' has no variant 'v9'")
        .inFile(t).onLine(14);
    assertThat(compilation).hadErrorContaining("[turnout.unknown-flag] unknown flag 'product-TASKS-103-coments'")
        .inFile(t).onLine(17);
    // The default variant, on, is not one of a multivariate flag's.
    assertThat(compilation).hadErrorContaining("[turnout.unknown-variant] flag 'checkout-flow' has no variant 'on'")
        .inFile(t).onLine(20);
    assertThat(compilation).hadErrorCount(6);
  }

  @Test
  void knownKeysAndFlagsConstantsPass() {
    JavaFileObject t = source("com.example.tasks.PinTest", """
        package com.example.tasks;

        import dev.turnout.junit.*;

        @WithFlag(Flags.NEW_CHECKOUT)
        class PinTest {
          @WithFlag(value = Flags.CHECKOUT_FLOW, variant = "v3")
          void a() {}

          @WithFlag(value = "checkout-flow", variant = "v2")
          @WithFlag(value = "product-TASKS-103-comments", variant = "off")
          void c() {}

          @VaryFlag(Flags.CHECKOUT_FLOW)
          void b() {}
        }
        """);

    assertThat(compile(t)).succeededWithoutWarnings();
  }
}
