package dev.prism.reports.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.core.MetricKey;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Stat;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.table.Cell;
import dev.prism.reports.table.CellStats;
import dev.prism.reports.table.GroupTable;
import dev.prism.reports.table.HeaderCell;
import dev.prism.reports.table.Leaderboard;
import dev.prism.reports.table.RunSlugs;
import dev.prism.reports.table.Table;
import java.util.List;

/**
 * Renders {@code leaderboard.json}:
 *
 * <pre>{@code
 * {"suite": "…",
 *  "leaderboard": {"title": "…", "header": [{"value", "description", "lower_is_better"}],
 *                  "rows": [[{"value", "display_value", "href"}]]},
 *  "runs": [{"run_name", "href", "scenario", "deployment", "prompt_method", "main_metric", "warnings",
 *            "stats": [HELM stats.json entries]}]}
 * }</pre>
 *
 * Keys are written in a fixed order, absent values are omitted (as HELM omits {@code None}), and
 * line ends are {@code \n}.
 */
final class SiteJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectWriter WRITER;

  static {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    // HELM's (Python's json.dump(indent=2)) layout: "key": value, two-space indent, "\n".
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
    WRITER = MAPPER.writer(printer);
  }

  private SiteJson() {}

  /**
   * @param runs the suite's runs in run-name order
   * @param slugs their slugs, in the same order
   */
  static String render(
      String suite,
      Table leaderboard,
      Leaderboard tables,
      List<RunReport> runs,
      List<String> slugs) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("suite", suite);
    root.set("leaderboard", table(leaderboard));
    ArrayNode tableNodes = root.putArray("tables");
    for (GroupTable t : tables.index()) {
      ObjectNode n = tableNodes.addObject();
      n.put("metric_group", t.metricGroup());
      n.set("table", table(t.table()));
      ArrayNode cellStats = n.putArray("cell_stats");
      for (CellStats s : t.cellStats()) {
        ObjectNode c = cellStats.addObject();
        c.put("row", s.row());
        c.put("column", s.column());
        if (s.hasInterval()) {
          c.put("ci_low", s.ciLow());
          c.put("ci_high", s.ciHigh());
        }
        if (s.versusBest() != null) {
          c.put("test", s.versusBest().test().name().toLowerCase(java.util.Locale.ROOT));
          c.put("pairs", s.versusBest().pairs());
          c.put("p_value_vs_best", s.versusBest().pValue());
        }
      }
    }
    ArrayNode groupNodes = root.putArray("groups");
    for (Leaderboard.Group g : tables.groups()) {
      ObjectNode n = groupNodes.addObject();
      n.put("name", g.group().name());
      n.put("display_name", g.group().displayName());
      n.put("href", g.pagePath());
      ArrayNode names = n.putArray("runs");
      g.runNames().forEach(names::add);
    }
    ArrayNode runNodes = root.putArray("runs");
    for (int i = 0; i < runs.size(); i++) {
      RunReport run = runs.get(i);
      ObjectNode r = runNodes.addObject();
      r.put("run_name", run.runName());
      r.put("href", RunSlugs.pagePath(slugs.get(i)));
      r.put("scenario", run.scenarioId());
      r.put("deployment", run.deployment());
      r.put("prompt_method", run.promptMethod());
      r.put("main_metric", run.mainMetric());
      ArrayNode warnings = r.putArray("warnings");
      run.warnings().forEach(warnings::add);
      ArrayNode stats = r.putArray("stats");
      run.stats().stream().sorted(Order.STATS).forEach(s -> stats.add(stat(s)));
    }
    try {
      return WRITER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      // A tree of strings and numbers always serializes.
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode table(Table table) {
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

  /**
   * One entry in HELM's {@code stats.json} shape. As in HELM, a stat with no values has no {@code
   * min}, {@code max}, {@code mean}, {@code variance} or {@code stddev}; any other non-finite
   * number is written as {@code null}, since JSON has no NaN.
   */
  static ObjectNode stat(Stat s) {
    ObjectNode n = MAPPER.createObjectNode();
    MetricKey k = s.key();
    ObjectNode name = n.putObject("name");
    name.put("name", k.name());
    if (k.split() != null) {
      name.put("split", k.split());
    }
    if (k.subSplit() != null) {
      name.put("sub_split", k.subSplit());
    }
    PerturbationDescription p = k.perturbation();
    if (p != null) {
      ObjectNode pn = name.putObject("perturbation");
      pn.put("name", p.name());
      pn.put("robustness", p.robustness());
      pn.put("fairness", p.fairness());
      if (p.computedOn() != null) {
        pn.put("computed_on", p.computedOn());
      }
    }
    n.put("count", s.count());
    number(n, "sum", s.sum());
    number(n, "sum_squared", s.sumSquared());
    if (s.count() > 0) {
      number(n, "min", s.min());
      number(n, "max", s.max());
      number(n, "mean", s.mean());
      number(n, "variance", s.variance());
      number(n, "stddev", s.stddev());
    }
    return n;
  }

  private static void number(ObjectNode n, String field, double v) {
    if (Double.isFinite(v)) {
      n.put(field, v);
    } else {
      n.putNull(field);
    }
  }
}
