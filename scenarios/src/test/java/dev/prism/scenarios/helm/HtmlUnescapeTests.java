package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected values are CPython 3's {@code html.unescape} of the same strings. */
class HtmlUnescapeTests {
  private final HtmlUnescape html =
      HtmlUnescape.fromEntitiesJson(
          HelmFixtures.dataDir().resolve("natural_qa").resolve(NaturalQaScenario.ENTITIES));

  @Test
  void namedReferencesWithAndWithoutSemicolonAndLongestPrefix() {
    assertThat(html.unescape("a &amp b")).isEqualTo("a & b");
    assertThat(html.unescape("&notit;")).isEqualTo("¬it;");
    assertThat(html.unescape("&notin;")).isEqualTo("∉");
    assertThat(html.unescape("&unknown; &amp;amp;")).isEqualTo("&unknown; &amp;");
    assertThat(html.unescape("&lt&gt")).isEqualTo("<>");
    assertThat(html.unescape("no references")).isEqualTo("no references");
  }

  @Test
  void numericReferencesFollowPython() {
    assertThat(
            html.unescape(
                "&#0;&#13;&#x80;&#x81;&#150;&#xD800;&#1114112;&#99999999999;&#1;&#x1FFFF;&#65;"))
        .isEqualTo("\uFFFD\r€\u0081–\uFFFD\uFFFD\uFFFDA");
    assertThat(html.unescape("&#x00041;")).isEqualTo("A");
  }
}
