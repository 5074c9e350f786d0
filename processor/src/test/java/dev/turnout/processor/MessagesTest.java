package dev.turnout.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.turnout.processor.Fixtures.compile;
import static dev.turnout.processor.Fixtures.compileWith;
import static dev.turnout.processor.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per message: its id and text, and the file and line it is reported on. */
class MessagesTest {

  /** A class in com.example.tasks whose body starts on line 7. */
  private static JavaFileObject tasks(String body) {
    return source("com.example.tasks.T", """
        package com.example.tasks;

        import dev.turnout.*;
        import java.io.IOException;

        class T {
        """ + body + "}\n");
  }

  private static long count(Compilation compilation, String id) {
    return compilation.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING)
        .filter(d -> d.getMessage(null).contains("[" + id + "]"))
        .count();
  }

  // ---- flag keys

  @Test
  void unknownFlagInTheAnnotationSuggestsTheClosestKey() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "product-TASK-103-comments", alternate = "b")
          void a() {}

          void b() {}
        """);

    Compilation compilation = compileWith("tasks.yaml", t);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[turnout.unknown-flag] unknown flag 'product-TASK-103-comments': "
        + "not in the catalog").inFile(t).onLine(7).atColumn(24);
    assertThat(compilation).hadErrorContaining("(did you mean 'product-TASKS-103-comments'?)").inFile(t).onLine(7);
  }

  @Test
  void unknownFlagInConstantKeysPassedToTurnout() {
    JavaFileObject t = source("com.example.tasks.T", """
        package com.example.tasks;

        import static dev.turnout.Turnout.variant;

        import dev.turnout.Turnout;

        class T {
          static final String KEY = "checkout-flw";

          void calls() {
            Turnout.isEnabled("new-chekout");
            Turnout.evaluate("checkout-" + "flo", null);
            variant(KEY);
            dev.turnout.Turnout.isEnabled(Keys.TYPO);
            Turnout.isEnabled("new-checkout");
            Turnout.variant(Flags.CHECKOUT_FLOW);
          }
        }

        class Keys {
          static final String TYPO = "product-TASKS-103-coments";
        }
        """);

    Compilation compilation = compileWith("tasks.yaml", t);

    assertThat(compilation).hadErrorContaining("[turnout.unknown-flag] unknown flag 'new-chekout'")
        .inFile(t).onLine(11).atColumn(23);
    assertThat(compilation).hadErrorContaining("(did you mean 'new-checkout'?)").inFile(t).onLine(11);
    assertThat(compilation).hadErrorContaining("[turnout.unknown-flag] unknown flag 'checkout-flo'")
        .inFile(t).onLine(12);
    assertThat(compilation).hadErrorContaining("[turnout.unknown-flag] unknown flag 'checkout-flw'")
        .inFile(t).onLine(13);
    assertThat(compilation).hadErrorContaining("[turnout.unknown-flag] unknown flag 'product-TASKS-103-coments'")
        .inFile(t).onLine(14);
    assertThat(compilation.errors()).hasSize(4);
  }

  @Test
  void keysPassedToOtherMethodsAreNotFlagKeys() {
    JavaFileObject t = source("com.example.tasks.T", """
        package com.example.tasks;

        import static dev.turnout.Turnout.*;

        class T {
          static boolean isEnabled(String setting) {
            return true;
          }

          void calls(Other other) {
            isEnabled("no-such-flag");
            other.variant("not-a-flag-either");
          }
        }

        class Other {
          String variant(String s) {
            return s;
          }
        }
        """);

    Compilation compilation = compileWith("tasks.yaml", t);

    assertThat(count(compilation, "turnout.unknown-flag")).isZero();
  }

  @Test
  void invalidFlagKeyWithoutACatalog() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "new checkout!", alternate = "b")
          void a() {}

          void b() {}
        """);

    Compilation compilation = compile(List.of(), t);

    assertThat(compilation).hadErrorContaining("[turnout.invalid-flag-key] 'new checkout!' is not a valid flag key")
        .inFile(t).onLine(7);
  }

  // ---- alternate and variant methods

  @Test
  void missingAlternateSuggestsTheClosestMethod() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "new-checkout", alternate = "checkoutV3")
          void checkout() {}

          void checkoutV2() {}
        """);

    Compilation compilation = compileWith("tasks.yaml", t);

    assertThat(compilation).hadErrorContaining("[turnout.missing-method] no method 'checkoutV3' in T for the "
        + "alternate of flag 'new-checkout' (did you mean 'checkoutV2'?)").inFile(t).onLine(7).atColumn(52);
  }

  @Test
  void incompatibleAlternateParameters() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "new-checkout", alternate = "b")
          void a(String user) {}

          void b(String user, int extra) {}
        """);

    assertThat(compileWith("tasks.yaml", t)).hadErrorContaining("[turnout.incompatible-method] method 'b', the "
            + "alternate of flag 'new-checkout', must match the gated method a(java.lang.String): its parameter types "
            + "are (java.lang.String, int), the gated method's are (java.lang.String)")
        .inFile(t).onLine(7).atColumn(52);
  }

  @Test
  void incompatibleAlternateReturnType() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "new-checkout", alternate = "b")
          String a() { return ""; }

          Object b() { return ""; }
        """);

    assertThat(compileWith("tasks.yaml", t)).hadErrorContaining(
        "it returns java.lang.Object, the gated method returns java.lang.String").inFile(t).onLine(7);
  }

  @Test
  void incompatibleAlternateStaticness() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "new-checkout", alternate = "b")
          void a() {}

          static void b() {}
        """);

    assertThat(compileWith("tasks.yaml", t)).hadErrorContaining(
        "[turnout.incompatible-method] method 'b', the alternate of flag 'new-checkout', must match the gated "
            + "method a(): it is static and the gated method is not").inFile(t).onLine(7);
  }

  @Test
  void incompatibleAlternateCheckedExceptions() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "new-checkout", alternate = "b")
          void a() throws java.io.FileNotFoundException {}

          void b() throws IOException, IllegalStateException {}

          @FeatureFlag(value = "new-checkout", alternate = "d")
          void c() throws IOException {}

          void d() throws java.io.FileNotFoundException {}
        """);

    Compilation compilation = compileWith("tasks.yaml", t);

    assertThat(compilation).hadErrorContaining(
        "it may throw java.io.IOException, which the gated method does not declare").inFile(t).onLine(7);
    assertThat(compilation.errors()).hasSize(1);
  }

  @Test
  void alternateNamingTheGatedMethodItself() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "new-checkout", alternate = "a")
          void a() {}
        """);

    assertThat(compileWith("tasks.yaml", t)).hadErrorContaining(
        "[turnout.incompatible-method] method 'a', the alternate of flag 'new-checkout', must match the gated "
            + "method a(): it is the gated method itself").inFile(t).onLine(7);
  }

  @Test
  void variantMethodIsCheckedLikeAnAlternate() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "checkout-flow", variants = {
              @Variant(value = "v2", method = "v2"),
              @Variant(value = "v3", method = "nope")})
          int a(int cart) { return 1; }

          long v2(int cart) { return 2; }
        """);

    Compilation compilation = compileWith("tasks.yaml", t);

    assertThat(compilation).hadErrorContaining("[turnout.incompatible-method] method 'v2', the method for variant "
        + "'v2' of flag 'checkout-flow', must match the gated method a(int): it returns long, the gated method returns "
        + "int").inFile(t).onLine(8).atColumn(39);
    assertThat(compilation).hadErrorContaining("[turnout.missing-method] no method 'nope' in T for the method for "
        + "variant 'v3' of flag 'checkout-flow'").inFile(t).onLine(9).atColumn(39);
  }

  // ---- variants against the catalog

  @Test
  void unknownVariant() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "checkout-flow", variants = {
              @Variant(value = "v2", method = "b"),
              @Variant(value = "v4", method = "b")})
          void a() {}

          void b() {}
        """);

    assertThat(compileWith("tasks.yaml", t)).hadErrorContaining("[turnout.unknown-variant] flag 'checkout-flow' "
        + "has no variant 'v4' (the catalog declares: v1, v2, v3)").inFile(t).onLine(9).atColumn(24);
  }

  @Test
  void duplicateVariant() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "checkout-flow", variants = {
              @Variant(value = "v2", method = "b"),
              @Variant(value = "v2", method = "c")})
          void a() {}

          void b() {}

          void c() {}
        """);

    assertThat(compileWith("tasks.yaml", t)).hadErrorContaining(
        "[turnout.duplicate-variant] variant 'v2' of flag 'checkout-flow' is mapped twice").inFile(t).onLine(9);
  }

  @Test
  void alternateOnAMultivariateFlag() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "checkout-flow", alternate = "b")
          void a() {}

          void b() {}
        """);

    assertThat(compileWith("tasks.yaml", t)).hadErrorContaining("[turnout.alternate-on-multivariate] flag "
        + "'checkout-flow' is multivariate (variants: v1, v2, v3)").inFile(t).onLine(7).atColumn(53);
  }

  @Test
  void variantsOnABooleanFlag() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "new-checkout",
              variants = @Variant(value = "on", method = "b"))
          void a() {}

          void b() {}
        """);

    assertThat(compileWith("tasks.yaml", t)).hadErrorContaining(
        "[turnout.variants-on-boolean] flag 'new-checkout' is boolean (on/off)").inFile(t).onLine(8).atColumn(18);
  }

  @Test
  void alternateAndVariantsWithoutACatalog() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "anything", alternate = "b",
              variants = @Variant(value = "x", method = "b"))
          void a() {}

          void b() {}
        """);

    assertThat(compile(List.of(), t)).hadErrorContaining(
        "[turnout.alternate-and-variants] flag 'anything' cannot have both an alternate and variants")
        .inFile(t).onLine(8);
  }

  // ---- where gates may go

  @Test
  void gateWithoutABody() {
    JavaFileObject t = source("com.example.tasks.T", """
        package com.example.tasks;

        import dev.turnout.FeatureFlag;

        abstract class T {
          @FeatureFlag(value = "new-checkout", alternate = "b")
          abstract void a();

          void b() {}
        }

        interface I {
          @FeatureFlag(value = "new-checkout", alternate = "b")
          void a();

          default void b() {}
        }
        """);

    Compilation compilation = compileWith("tasks.yaml", t);

    assertThat(compilation).hadErrorContaining("[turnout.gate-without-body] @FeatureFlag needs a method with a body "
        + "to gate: a() is abstract").inFile(t).onLine(6);
    assertThat(compilation).hadErrorContaining("a() is an interface method without a body").inFile(t).onLine(13);
  }

  @Test
  void twoTargetingKeys() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "new-checkout", alternate = "b")
          void a(@TargetingKey String user,
                 @TargetingKey String account) {}

          void b(String user, String account) {}
        """);

    assertThat(compileWith("tasks.yaml", t)).hadErrorContaining("[turnout.duplicate-targeting-key] only one "
        + "parameter of a(java.lang.String, java.lang.String) may be the @TargetingKey; 'user' already is")
        .inFile(t).onLine(9);
  }

  @Test
  void aMethodGatedTwiceByTheSameFlag() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "new-checkout", alternate = "b")
          void a() {}

          @FeatureFlag(value = Flags.NEW_CHECKOUT, alternate = "a")
          void b() {}
        """);

    Compilation compilation = compileWith("tasks.yaml", t);

    assertThat(compilation).hadErrorContaining("[turnout.duplicate-gate] b() is gated twice: it is the alternate of "
        + "a() for the same flag 'new-checkout'").inFile(t).onLine(10);
    assertThat(compilation).hadErrorContaining("[turnout.duplicate-gate] a() is gated twice: it is the alternate of "
        + "b() for the same flag 'new-checkout'").inFile(t).onLine(7);
  }

  @Test
  void gateInAnAnonymousOrLocalClass() {
    JavaFileObject t = tasks("""
          Runnable anonymous() {
            return new Runnable() {
              @FeatureFlag(value = "new-checkout", alternate = "runFast")
              public void run() {}

              public void runFast() {}
            };
          }

          void local() {
            class Helper {
              @dev.turnout.FeatureFlag(value = "new-checkout", alternate = "b")
              void a() {}

              @Deprecated
              void b() {}
            }
          }
        """);

    Compilation compilation = compileWith("tasks.yaml", t);

    assertThat(compilation).hadErrorContaining("[turnout.gate-in-local-class] method 'run' is in an anonymous "
        + "class: the agent finds gated classes by the binary names the processor lists").inFile(t).onLine(9);
    assertThat(compilation).hadErrorContaining("[turnout.gate-in-local-class] method 'a' is in the local class "
        + "Helper").inFile(t).onLine(18);
    assertThat(count(compilation, "turnout.gate-in-local-class")).isEqualTo(2);
    assertThat(compilation.errors()).hasSize(2);
  }

  @Test
  void gateOnAConstructor() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "new-checkout")
          T() {}
        """);

    Compilation compilation = compileWith("tasks.yaml", t);

    // @FeatureFlag targets methods only, so javac rejects it here before any processor runs;
    // [turnout.gate-on-constructor] covers compilers that let it through.
    assertThat(compilation).hadErrorContaining("not applicable").inFile(t).onLine(7);
  }

  // ---- the catalog

  @Test
  void catalogThatDoesNotParseListsEachProblemWithLineAndColumn() {
    Compilation compilation = compileWith("broken.yaml", tasks(""));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[turnout.catalog-invalid] flag catalog ");
    assertThat(compilation).hadErrorContaining("broken.yaml:5:11: unknown kind 'forever'");
    assertThat(compilation).hadErrorContaining("broken.yaml:7:38: unknown operator 'equal'");
    assertThat(count(compilation, "turnout.catalog-invalid")).isEqualTo(2);
  }

  @Test
  void catalogOptionNamingAMissingFile() {
    Compilation compilation = compile(List.of("-Aturnout.catalog=does/not/exist.yaml"), tasks(""));

    assertThat(compilation).hadErrorContaining(
        "[turnout.catalog-not-found] flag catalog does/not/exist.yaml (from -Aturnout.catalog) cannot be read");
  }

  @Test
  void noCatalogWarnsThatTypoProtectionIsOff() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "anything", alternate = "b")
          void a() {}

          void b() {}
        """);

    Compilation compilation = compile(List.of(), t);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[turnout.no-catalog] no flag catalog found");
    assertThat(compilation).hadWarningContaining("typo protection is off");
    assertThat(count(compilation, "turnout.no-catalog")).isEqualTo(1);
  }

  @Test
  void noPackageForFlagsInTheUnnamedPackage() {
    JavaFileObject t = source("T", """
        class T {
          @dev.turnout.FeatureFlag(value = "anything", alternate = "b")
          void a() {}

          void b() {}
        }
        """);

    assertThat(compile(List.of(), t)).hadWarningContaining(
        "[turnout.no-package] no package for the generated Flags class");
  }

  @Test
  void writeFailedWhenTheCodeAlreadyHasAFlagsClass() {
    JavaFileObject flags = source("com.example.tasks.Flags", """
        package com.example.tasks;

        class Flags {}
        """);

    assertThat(compileWith("tasks.yaml", flags)).hadErrorContaining(
        "[turnout.write-failed] cannot write com.example.tasks.Flags");
  }

  // ---- warnings, and strict mode

  @Test
  void expiredFlagWarnsAtEachGateAndOnceForAnUngatedFlag() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "old-banner", alternate = "b")
          void a() {}

          void b() {
            dev.turnout.Turnout.isEnabled("old-export");
          }
        """);

    Compilation compilation = compileWith("expired.yaml", t);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[turnout.flag-expired] flag 'old-banner' expired on 2020-01-31")
        .inFile(t).onLine(7).atColumn(24);
    assertThat(compilation).hadWarningContaining("[turnout.flag-expired] flag 'old-export' expired on 2021-06-30");
    assertThat(compilation).hadWarningContaining("expired.yaml:5)");
    assertThat(count(compilation, "turnout.flag-expired")).isEqualTo(2);
  }

  @Test
  void unusedFlag() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "new-checkout", alternate = "b")
          void a() {}

          String b() {
            return Flags.PRODUCT_TASKS_103_COMMENTS;
          }
        """);

    Compilation compilation = compileWith("tasks.yaml", t);

    assertThat(compilation).hadWarningContaining("[turnout.unused-flag] flag 'checkout-flow' (");
    assertThat(compilation).hadWarningContaining("tasks.yaml:10) is not named by any code");
    assertThat(count(compilation, "turnout.unused-flag")).isEqualTo(1);
  }

  @Test
  void nestedFlag() {
    JavaFileObject t = tasks("""
          private final T other = null;

          @FeatureFlag(value = "new-checkout", alternate = "b")
          void a(T param) {}

          void b(T param) {
            c();
            this.c();
            other.c();
            param.c();
            a(param);
            d();
          }

          @FeatureFlag(value = "product-TASKS-103-comments", alternate = "d")
          void c() {}

          void d() {}
        """);

    Compilation compilation = compileWith("tasks.yaml", t);

    assertThat(compilation).hadWarningContaining("[turnout.nested-flag] b(com.example.tasks.T), the alternate of flag 'new-checkout', "
        + "calls c(), which is gated by flag 'product-TASKS-103-comments'").inFile(t).onLine(13);
    for (int line = 14; line <= 16; line++) {
      assertThat(compilation).hadWarningContaining("[turnout.nested-flag]").inFile(t).onLine(line);
    }
    // a(param) calls back into the same flag's gate (an error of its own), d() is not gated.
    assertThat(count(compilation, "turnout.nested-flag")).isEqualTo(4);
  }

  @Test
  void alternateOrVariantMethodCallingItsOwnGatedMethod() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "product-TASKS-103-comments", alternate = "listWithComments")
          String list(@TargetingKey String user) { return user; }

          String list(int page) { return "page " + page; }

          String list(String user, int page) { return user + page; }

          String listWithComments(String user) {
            String all = list(3) + list(user, 3) + count(user);
            return all + list(user) + this.list(user);
          }

          @FeatureFlag(value = "product-TASKS-103-comments", alternate = "countWithComments")
          int count(String user) { return 0; }

          int countWithComments(String user) { return list(user).length(); }

          @FeatureFlag(value = "checkout-flow", variants = {
              @Variant(value = "v2", method = "checkoutV2"),
              @Variant(value = "v3", method = "checkoutV3")})
          static long checkout(long cart) { return cart; }

          static long checkoutV2(long cart) { return checkout(cart) + 2; }

          static long checkoutV3(long cart) { return cart + 3; }
        """);

    Compilation compilation = compileWith("tasks.yaml", t);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[turnout.alternate-calls-gate] listWithComments(java.lang.String), "
            + "the alternate of flag 'product-TASKS-103-comments', calls list(java.lang.String), which is gated by the "
            + "same flag and routes back to listWithComments: move the shared code into a private method that both "
            + "call")
        .inFile(t).onLine(16).atColumn(22);
    assertThat(compilation).hadErrorContaining("[turnout.alternate-calls-gate] listWithComments(java.lang.String)")
        .inFile(t).onLine(16).atColumn(40);
    assertThat(compilation).hadErrorContaining("[turnout.alternate-calls-gate] checkoutV2(long), the method for "
            + "variant 'v2' of flag 'checkout-flow', calls checkout(long), which is gated by the same flag and routes "
            + "back to checkoutV2")
        .inFile(t).onLine(29).atColumn(54);
    // Other overloads of list, and a gate of the same flag that routes elsewhere, are fine.
    assertThat(count(compilation, "turnout.alternate-calls-gate")).isEqualTo(3);
    assertThat(compilation.errors()).hasSize(3);
    assertThat(count(compilation, "turnout.nested-flag")).isZero();
  }

  @Test
  void strictTurnsEveryWarningIntoAnError() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "old-banner", alternate = "b")
          void a() {}

          void b() {}
        """);

    Compilation compilation = compile(List.of(Fixtures.catalog("expired.yaml"), "-Aturnout.strict=true"), t);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[turnout.flag-expired] flag 'old-banner'").inFile(t).onLine(7);
    assertThat(compilation).hadErrorContaining("[turnout.unused-flag] flag 'old-export'");
    assertThat(compilation.warnings()).noneMatch(d -> d.getMessage(null).contains("[turnout."));
  }

  @Test
  void everyProblemIsReportedInOneBuild() {
    JavaFileObject t = tasks("""
          @FeatureFlag(value = "new-chekout", alternate = "missing")
          void a() {}

          void calls() {
            Turnout.isEnabled("chekout-flow");
          }
        """);

    Compilation compilation = compileWith("tasks.yaml", t);

    assertThat(compilation).hadErrorContaining("unknown flag 'new-chekout'").inFile(t).onLine(7);
    assertThat(compilation).hadErrorContaining("[turnout.missing-method] no method 'missing'").inFile(t).onLine(7);
    assertThat(compilation).hadErrorContaining("unknown flag 'chekout-flow'").inFile(t).onLine(11);
  }
}
