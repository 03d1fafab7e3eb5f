package dev.prism.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.reports.table.Cell;
import dev.prism.reports.table.HeaderCell;
import dev.prism.reports.table.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTests {
  @Test
  void escapesTheFiveSpecialCharacters() {
    assertThat(Html.escape("<a href=\"x\" title='y'>&amp;</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    assertThat(Html.escape("plain \u00e9 \u2713")).isEqualTo("plain \u00e9 \u2713");
    assertThat(Html.escape("a\0b")).isEqualTo("a\uFFFDb");
  }

  @Test
  void formatsNumbersWithRootLocale() {
    assertThat(Html.number(1234.5)).isEqualTo("1234.500");
    assertThat(Html.number(-0.0)).isEqualTo("0.000");
    assertThat(Html.number(Double.NaN)).isEqualTo("-");
  }

  @Test
  void tableLinksOnlyWithinTheSite() {
    Table t =
        new Table(
            "t",
            List.of(new HeaderCell("a", "say \"hi\"", null)),
            List.of(
                List.of(new Cell(null, "ok", "runs/x.html")),
                List.of(new Cell(null, "js", "javascript:alert(1)")),
                List.of(new Cell(null, "abs", "//evil.example/x")),
                List.of(new Cell(null, "q\"", "runs/a\"b.html"))));
    StringBuilder sb = new StringBuilder();
    TableHtml.append(sb, t, "c", "../");
    assertThat(sb.toString())
        .contains("<th title=\"say &quot;hi&quot;\" scope=\"col\">a</th>")
        .contains("<td><a href=\"../runs/x.html\">ok</a></td>")
        .contains("<td>js</td>")
        .contains("<td>abs</td>")
        .contains("<td><a href=\"../runs/a&quot;b.html\">q&quot;</a></td>")
        .doesNotContain("javascript:", "evil");
  }
}
