package dev.turnout.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.GatedCall;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {

  private static final String REGISTRY = """
      {
        "flags": [ { "key": "new-pricing", "variants": ["on", "off"] } ],
        "gates": [
          { "class": "com.example.Shop", "method": "price", "descriptor": "(J)J", "static": false,
            "flag": "new-pricing", "alternate": "discountedPrice", "variants": {},
            "targetingKeyParameter": -1, "source": "com/example/Shop.java", "line": 12 },
          { "class": "com.example.Shop", "method": "checkout", "descriptor": "(Ljava/lang/String;)Ljava/lang/String;",
            "static": false, "flag": "checkout-flow", "alternate": null,
            "variants": { "one-page": "onePage", "express": "express" },
            "targetingKeyParameter": 0, "source": "com/example/Shop.java", "line": 30 },
          { "class": "com.example.Shop", "method": "total", "descriptor": "(I)J", "static": false,
            "flag": "new-pricing", "alternate": "totalOff", "variants": {},
            "targetingKeyParameter": -1, "source": "com/example/Shop.java", "line": 40 },
          { "class": "com.example.Shop", "method": "total", "descriptor": "(J)J", "static": false,
            "flag": "new-pricing", "alternate": "totalOffLong", "variants": {},
            "targetingKeyParameter": -1, "source": "com/example/Shop.java", "line": 44 }
        ]
      }
      """;

  @TempDir
  Path dir;

  private ClassLoader loaderWith(String registry) throws IOException {
    Path file = dir.resolve(Registry.RESOURCE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, registry);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
  }

  @Test
  void aBooleanGateNamesItsFileLineAndAlternate() throws IOException {
    GatedCall[] calls = Registry.calls(loaderWith(REGISTRY), "com.example.Shop", "price", "new-pricing", null);

    assertThat(calls).containsExactly(
        GatedCall.of("com.example.Shop", "price", "new-pricing", 0, "price", "com/example/Shop.java", 12),
        GatedCall.of("com.example.Shop", "price", "new-pricing", 1, "discountedPrice", "com/example/Shop.java", 12));
  }

  @Test
  void aMultivariateGateNamesTheMethodOfEachMappedVariantInTheGatesOrder() throws IOException {
    GatedCall[] calls = Registry.calls(loaderWith(REGISTRY), "com.example.Shop", "checkout", "checkout-flow",
        new String[] {"express", "one-page"});

    assertThat(calls).extracting(GatedCall::track, GatedCall::trackMethod, GatedCall::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, "checkout", 30),
            org.assertj.core.groups.Tuple.tuple(1, "express", 30),
            org.assertj.core.groups.Tuple.tuple(2, "onePage", 30));
  }

  @Test
  void overloadsGatedByOneFlagShareTheFileButNameNoLineNorAlternate() throws IOException {
    GatedCall[] calls = Registry.calls(loaderWith(REGISTRY), "com.example.Shop", "total", "new-pricing", null);

    assertThat(calls[0].sourceFile()).isEqualTo("com/example/Shop.java");
    assertThat(calls[0].line()).isZero();
    assertThat(calls[0].trackMethod()).isEqualTo("total");
    assertThat(calls[1].trackMethod()).isNull();
  }

  @Test
  void withoutARegistryEntryTheCallsNameTheMethodAlone() throws IOException {
    GatedCall[] unregistered = Registry.calls(loaderWith(REGISTRY), "com.example.Other", "price", "new-pricing", null);
    GatedCall[] unreadable = Registry.calls(loaderWith("{ not json"), "com.example.Shop", "price", "new-pricing", null);

    for (GatedCall[] calls : List.of(unregistered, unreadable)) {
      assertThat(calls).hasSize(2);
      assertThat(calls[0].sourceFile()).isNull();
      assertThat(calls[0].line()).isZero();
      assertThat(calls[0].trackMethod()).isEqualTo("price");
      assertThat(calls[1].trackMethod()).isNull();
      assertThat(calls[1].track()).isEqualTo(1);
    }
  }

  @Test
  void gatedFlagsAreStillEveryRegisteredGatesFlag() throws IOException {
    assertThat(Registry.gatedFlags(List.of(loaderWith(REGISTRY)))).containsExactlyInAnyOrder("new-pricing",
        "checkout-flow");
  }
}
