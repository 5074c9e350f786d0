package dev.turnout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GatedCallTest {

  @Test
  void holdsItsPartsAndSaysWhetherTheOriginalRan() {
    GatedCall original = GatedCall.of("com.example.Shop", "price", "new-pricing", 0, "price", "com/example/Shop.java", 12);
    GatedCall alternate = GatedCall.of("com.example.Shop", "price", "new-pricing", 1, "discountedPrice", null, 0);

    assertThat(original.className()).isEqualTo("com.example.Shop");
    assertThat(original.methodName()).isEqualTo("price");
    assertThat(original.flagKey()).isEqualTo("new-pricing");
    assertThat(original.isOriginal()).isTrue();
    assertThat(original.sourceFile()).isEqualTo("com/example/Shop.java");
    assertThat(original.line()).isEqualTo(12);
    assertThat(alternate.isOriginal()).isFalse();
    assertThat(alternate.track()).isEqualTo(1);
    assertThat(alternate.trackMethod()).isEqualTo("discountedPrice");
    assertThat(original.toString()).isEqualTo(
        "GatedCall{com.example.Shop.price by 'new-pricing' -> track 0 (price), com/example/Shop.java:12}");
    assertThat(alternate.toString()).isEqualTo(
        "GatedCall{com.example.Shop.price by 'new-pricing' -> track 1 (discountedPrice)}");
  }

  @Test
  void equalPartsAreEqual() {
    GatedCall a = GatedCall.of("C", "m", "f", 2, "v", "C.java", 3);
    assertThat(a).isEqualTo(GatedCall.of("C", "m", "f", 2, "v", "C.java", 3))
        .hasSameHashCodeAs(GatedCall.of("C", "m", "f", 2, "v", "C.java", 3))
        .isNotEqualTo(GatedCall.of("C", "m", "f", 1, "v", "C.java", 3))
        .isNotEqualTo(GatedCall.of("C", "m", "f", 2, "v", "C.java", 4));
  }

  @Test
  void refusesMissingNamesAndNegativeTracks() {
    assertThatThrownBy(() -> GatedCall.of(null, "m", "f", 0, null, null, 0)).hasMessage("className");
    assertThatThrownBy(() -> GatedCall.of("C", null, "f", 0, null, null, 0)).hasMessage("methodName");
    assertThatThrownBy(() -> GatedCall.of("C", "m", null, 0, null, null, 0)).hasMessage("flagKey");
    assertThatThrownBy(() -> GatedCall.of("C", "m", "f", -1, null, null, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("track -1 is negative");
  }
}
