package dev.prism.reports.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.reports.table.Cell;
import dev.prism.reports.table.HeaderCell;
import dev.prism.reports.table.Table;
import java.util.List;

/** HELM's table JSON: {@code {"title", "header": [...], "rows": [[...]]}}, two-space indent. */
final class JsonTable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectWriter WRITER;

  static {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    WRITER =
        MAPPER.writer(
            new DefaultPrettyPrinter(
                    Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter));
  }

  private JsonTable() {}

  static String render(Table table) {
    try {
      return WRITER.writeValueAsString(node(table)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode node(Table table) {
    ObjectNode t = MAPPER.createObjectNode();
    t.put("title", table.title());
    ArrayNode header = t.putArray("header");
    for (HeaderCell h : table.header()) {
      ObjectNode n = header.addObject();
      n.put("value", h.value());
      if (h.description() != null) {
        n.put("description", h.description());
      }
      if (h.lowerIsBetter() != null) {
        n.put("lower_is_better", h.lowerIsBetter());
      }
    }
    ArrayNode rows = t.putArray("rows");
    for (List<Cell> row : table.rows()) {
      ArrayNode cells = rows.addArray();
      for (Cell c : row) {
        ObjectNode n = cells.addObject();
        if (c.value() == null) {
          n.putNull("value");
        } else {
          n.put("value", c.value());
        }
        n.put("display_value", c.display());
        if (c.href() != null) {
          n.put("href", c.href());
        }
      }
    }
    return t;
  }
}
