package dev.turnout.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

  @ParameterizedTest
  @CsvSource({
      "product-TASKS-103-comments, PRODUCT_TASKS_103_COMMENTS",
      "new-checkout, NEW_CHECKOUT",
      "log.level, LOG_LEVEL",
      "a--b, A_B",
      "a-._b, A_B",
      "a__b, A_B",
      "trailing-, TRAILING_",
      "camelCase, CAMELCASE",
      "3d-view, _3D_VIEW",
      "x, X"})
  void constantName(String key, String constant) {
    assertThat(Names.constantName(key)).isEqualTo(constant);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "Z", "0", "1a", "a.b_c-d", "product-TASKS-103-comments", "a..b", "a-"})
  void validKeys(String key) {
    assertThat(Names.isValidKey(key)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", ".a", "_a", "a b", "a/b", "é", "a:b", "a\n", "😀"})
  void invalidKeys(String key) {
    assertThat(Names.isValidKey(key)).isFalse();
  }

  @Test
  void keysUpTo128Characters() {
    assertThat(Names.isValidKey("k".repeat(128))).isTrue();
    assertThat(Names.isValidKey("k".repeat(129))).isFalse();
  }

  @Test
  void didYouMeanSuggestsTheClosestNames() {
    List<String> fields = List.of("enabled", "default", "off", "rules", "allow", "percentage", "schedule");
    assertThat(Names.didYouMean("enabeld", fields)).isEqualTo(" (did you mean 'enabled'?)");
    assertThat(Names.didYouMean("Rules", fields)).isEqualTo(" (did you mean 'rules'?)");
    assertThat(Names.didYouMean("colour", fields)).isEmpty();
    // Closest first (v1, v2, v3 at distance 1 before v10 at 2), ties alphabetically, three at most.
    assertThat(Names.didYouMean("v9", List.of("v10", "v3", "v2", "v1", "other"))).isEqualTo(" (did you mean 'v1', 'v2' or 'v3'?)");
    assertThat(Names.didYouMean("v9", List.of("v10", "other"))).isEqualTo(" (did you mean 'v10'?)");
  }

  @Test
  void closestIsOrderedByDistanceAndLimited() {
    assertThat(Names.closest("rule", List.of("rules", "rul", "ruler", "r", "xxxx"), 5)).containsExactly("rul", "ruler", "rules"); // "r" is 3 edits away: too far
    assertThat(Names.closest("rule", List.of("rules", "rul", "ruler", "r", "xxxx"), 2)).containsExactly("rul", "ruler");
    assertThat(Names.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Names.distance("", "abc")).isEqualTo(3);
    assertThat(Names.distance("same", "same")).isZero();
  }
}
