package dev.prism.reports.format;

import dev.prism.reports.table.Table;
import java.util.function.Function;

/**
 * The formats a {@link Table} can be written in. Each renderer is a pure function of the table: it
 * formats and escapes, and holds no statistics logic (best values come from {@link
 * Table#bestRows}). Output is deterministic and ends with {@code \n}.
 *
 * <pre>{@code
 * String md = TableFormat.MARKDOWN.render(table);
 * Files.writeString(dir.resolve("accuracy." + TableFormat.MARKDOWN.extension()), md);
 * }</pre>
 */
public enum TableFormat {
  /** RFC 4180 CSV: a header row, then numbers at full precision and labels as shown. */
  CSV("csv", CsvTable::render),
  /** A GitHub-flavoured Markdown table, best values in bold. */
  MARKDOWN("md", MarkdownTable::render),
  /** A booktabs LaTeX {@code table}, best values in {@code \textbf}. */
  LATEX("tex", LatexTable::render),
  /** HELM's table JSON shape: {@code title}, {@code header}, {@code rows}. */
  JSON("json", JsonTable::render),
  /** A standalone HTML {@code <table>} fragment, best values in {@code <strong>}. */
  HTML("html", HtmlTable::render);

  private final String extension;
  private final Function<Table, String> renderer;

  TableFormat(String extension, Function<Table, String> renderer) {
    this.extension = extension;
    this.renderer = renderer;
  }

  /** The file extension without a dot, e.g. {@code csv}. */
  public String extension() {
    return extension;
  }

  /** The table in this format. */
  public String render(Table table) {
    return renderer.apply(table);
  }
}
