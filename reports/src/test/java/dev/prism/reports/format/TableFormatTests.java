package dev.prism.reports.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.reports.table.Cell;
import dev.prism.reports.table.HeaderCell;
import dev.prism.reports.table.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableFormatTests {
  private static final Table TABLE =
      new Table(
          "Accuracy & more",
          List.of(
              new HeaderCell("Model", null, null),
              new HeaderCell("QA | EM", "desc", false),
              new HeaderCell("Runtime_s", null, true)),
          List.of(
              List.of(Cell.text("=cmd,\"x\""), new Cell(0.5, "0.500", "runs/a.html"), miss()),
              List.of(
                  Cell.text("b*<i>"),
                  new Cell(0.75, "0.750", null),
                  new Cell(2.0, "2.000", null))));

  private static Cell miss() {
    return new Cell(null, "-", null);
  }

  @Test
  void csvQuotesGuardsFormulasAndKeepsFullPrecision() {
    assertThat(TableFormat.CSV.render(TABLE))
        .isEqualTo("Model,QA | EM,Runtime_s\n" + "\"'=cmd,\"\"x\"\"\",0.5,\n" + "b*<i>,0.75,2.0\n");
  }

  @Test
  void markdownEscapesAndBoldsTheBest() {
    assertThat(TableFormat.MARKDOWN.render(TABLE))
        .isEqualTo(
            "### Accuracy &amp; more\n\n"
                + "| Model | QA \\| EM \u2191 | Runtime\\_s \u2193 |\n"
                + "| --- | ---: | ---: |\n"
                + "| =cmd,\"x\" | 0.500 | - |\n"
                + "| b\\*&lt;i&gt; | **0.750** | **2.000** |\n");
  }

  @Test
  void latexEscapesAndBoldsTheBest() {
    String tex = TableFormat.LATEX.render(TABLE);
    assertThat(tex)
        .startsWith("\\begin{table}[htp]\n\\centering\n\\begin{tabular}{lrr}\n\\toprule\n")
        .contains("Model & QA | EM $\\uparrow$ & Runtime\\_s $\\downarrow$ \\\\\n")
        .contains("b*<i> & \\textbf{0.750} & \\textbf{2.000} \\\\\n")
        .contains("\\caption{Accuracy \\& more}\n\\label{tab:accuracy-more}\n")
        .endsWith("\\end{table}\n");
  }

  @Test
  void jsonAndHtmlAreHelmShapedAndEscaped() {
    assertThat(TableFormat.JSON.render(TABLE))
        .contains("\"title\": \"Accuracy & more\"")
        .contains("\"lower_is_better\": true")
        .contains("\"href\": \"runs/a.html\"");
    assertThat(TableFormat.HTML.render(TABLE))
        .contains("<td>b*&lt;i&gt;</td>")
        .contains("<strong>0.750</strong>")
        .doesNotContain("<i>");
    assertThat(TableFormat.MARKDOWN.extension()).isEqualTo("md");
    assertThat(TableFormat.LATEX.extension()).isEqualTo("tex");
  }
}
