package dev.turnout.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.sample.data.User;
import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escapesEverythingThatCouldOpenMarkup() {
    assertThat(Html.escape("<script>alert('x & \"y\"')</script>"))
        .isEqualTo("&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;");
    assertThat(Html.escape(null)).isEmpty();
  }

  @Test
  void aPageNamesTheUserEscapedOrOffersToLogIn() {
    assertThat(Html.page("T<", new User(1, "ann", "ann@example.com"), "<p>body</p>"))
        .contains("<title>T&lt; · Turnout sample</title>").contains("<b id=\"user\">ann</b>").contains("<p>body</p>");
    assertThat(Html.page("T", null, "")).contains("href=\"/login\"").doesNotContain("id=\"user\"");
  }

  @Test
  void backtickPairsBecomeCodeAfterEscaping() {
    assertThat(Html.withCode("a `count` & `<b>` field")).isEqualTo("a <code>count</code> &amp; <code>&lt;b&gt;</code> field");
    assertThat(Html.withCode("one ` alone")).isEqualTo("one ` alone");
  }
}
