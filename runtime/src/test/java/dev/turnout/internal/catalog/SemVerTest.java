package dev.turnout.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerTest {

  /** semver.org, section 11: each lower than the next. */
  private static final List<String> PRECEDENCE = List.of(
      "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
      "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.2.0", "1.10.0", "2.0.0-0", "2.0.0", "10.0.0");

  @Test
  void precedenceOfTheSemverSpecExample() {
    for (int i = 0; i < PRECEDENCE.size(); i++) {
      for (int j = 0; j < PRECEDENCE.size(); j++) {
        String a = PRECEDENCE.get(i);
        String b = PRECEDENCE.get(j);
        int expected = Integer.signum(Integer.compare(i, j));
        assertThat(SemVer.compare(a, SemVer.parse(b))).as("%s vs %s", a, b).isEqualTo(expected);
        assertThat(Integer.signum(SemVer.parse(a).compareTo(SemVer.parse(b)))).as("%s vs %s", a, b).isEqualTo(expected);
      }
    }
  }

  @Test
  void numbersCompareNumericallyNotAsText() {
    assertThat(SemVer.compare("1.10.0", SemVer.parse("1.9.0"))).isPositive();
    assertThat(SemVer.compare("1.0.0-beta.11", SemVer.parse("1.0.0-beta.9"))).isPositive();
    assertThat(SemVer.compare("1.0.0-beta.100", SemVer.parse("1.0.0-beta.99"))).isPositive();
    assertThat(SemVer.compare("1.0.0-2", SemVer.parse("1.0.0-10"))).isNegative();
    // Numeric identifiers sort before alphanumeric ones; alphanumeric ones compare in ASCII order.
    assertThat(SemVer.compare("1.0.0-99", SemVer.parse("1.0.0-a"))).isNegative();
    assertThat(SemVer.compare("1.0.0-Beta", SemVer.parse("1.0.0-alpha"))).isNegative();
    assertThat(SemVer.compare("1.0.0-alpha-2", SemVer.parse("1.0.0-alpha-10"))).isPositive();
    assertThat(SemVer.compare("4294967296.0.0", SemVer.parse("4294967295.99.99"))).isPositive();
  }

  @Test
  void buildMetadataIsIgnored() {
    assertThat(SemVer.compare("1.0.0+20130313144700", SemVer.parse("1.0.0"))).isZero();
    assertThat(SemVer.compare("1.0.0-beta+exp.sha.5114f85", SemVer.parse("1.0.0-beta"))).isZero();
    assertThat(SemVer.compare("1.0.0", SemVer.parse("1.0.0+other"))).isZero();
    assertThat(SemVer.parse("1.0.0+a")).isEqualTo(SemVer.parse("1.0.0+b"));
    assertThat(SemVer.compare("1.0.0-rc.1+build.1", SemVer.parse("1.0.0"))).isNegative();
  }

  @Test
  void lenientForms() {
    assertThat(SemVer.compare("v1.2.3", SemVer.parse("1.2.3"))).isZero();
    assertThat(SemVer.compare("V1.2.3", SemVer.parse("1.2.3"))).isZero();
    assertThat(SemVer.compare("2.4", SemVer.parse("2.4.0"))).isZero();
    assertThat(SemVer.compare("2", SemVer.parse("2.0.0"))).isZero();
    assertThat(SemVer.compare("2.4-beta", SemVer.parse("2.4.0-beta"))).isZero();
    assertThat(SemVer.parse("v2.4")).hasToString("2.4.0");
    assertThat(SemVer.parse("2.4.0-rc.1+build.5")).hasToString("2.4.0-rc.1");
    assertThat(SemVer.parse("v2.4")).isEqualTo(SemVer.parse("2.4.0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "v", "V", "x1.2.3", "1.", "1.2.", "1..2", ".1.2", "1.2.3.4", "a.b.c", "1.2.x", "-1.2.3",
      " 1.2.3", "1.2.3 ", "1.2.3-", "1.2.3-.a", "1.2.3-a.", "1.2.3-alpha..1", "1.2.3-al_pha", "1.2.3-ä", "1.2.3+",
      "1.2.3+a+b", "1.2.3+a_b", "vv1.2.3", "1.2.3-beta+", "99999999999999999999.0.0", "1.99999999999999999999.0",
      "1.2.99999999999999999999"})
  void notAVersion(String text) {
    assertThat(SemVer.parse(text)).isNull();
    assertThat(SemVer.compare(text, SemVer.parse("0.0.0"))).isEqualTo(SemVer.INVALID);
  }

  @Test
  void nullIsNotAVersion() {
    assertThat(SemVer.parse(null)).isNull();
    assertThat(SemVer.compare(null, SemVer.parse("1.0.0"))).isEqualTo(SemVer.INVALID);
  }

  @Test
  void parseAndCompareAgreeOnTheParts() {
    SemVer v = SemVer.parse("12.345.6789-rc.2.x-y");
    assertThat(v).hasToString("12.345.6789-rc.2.x-y");
    assertThat(SemVer.compare("12.345.6789-rc.2.x-y", v)).isZero();
    assertThat(SemVer.compare("12.345.6789-rc.2.x-z", v)).isPositive();
    assertThat(SemVer.compare("12.345.6789-rc.2", v)).isNegative();
    assertThat(SemVer.compare("12.345.6790", v)).isPositive();
    assertThat(SemVer.compare("12.346.0", v)).isPositive();
    assertThat(SemVer.compare("13", v)).isPositive();
    assertThat(SemVer.compare("12.345.6788", v)).isNegative();
  }
}
