package dev.prism.reports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelRecordsTests {
  @Test
  void instanceViewCopiesAndSortsItsCollections() {
    List<String> completions = new ArrayList<>(List.of("a"));
    Map<String, Double> stats = new HashMap<>(Map.of("z", 1.0, "a", 0.0, "m", 0.5));
    InstanceView v =
        new InstanceView("id0", "test", null, 0, "p", List.of(), completions, false, null, stats);
    completions.add("b");
    stats.clear();
    assertThat(v.completions()).containsExactly("a");
    assertThat(v.stats().keySet()).containsExactly("a", "m", "z");
  }

  @Test
  void instanceViewRejectsNullStatValues() {
    Map<String, Double> stats = new HashMap<>();
    stats.put("em", null);
    assertThatThrownBy(
            () ->
                new InstanceView(
                    "id0", "test", null, 0, "p", List.of(), List.of(), false, null, stats))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value of stat em");
  }

  @Test
  void suiteAndRunCopyTheirLists() {
    List<String> warnings = new ArrayList<>(List.of("w"));
    RunReport run =
        new RunReport("r", "s", "", "d", "generation", "em", List.of(), List.of(), warnings);
    List<RunReport> runs = new ArrayList<>(List.of(run));
    SuiteReport suite = new SuiteReport("suite", runs);
    warnings.clear();
    runs.clear();
    assertThat(run.warnings()).containsExactly("w");
    assertThat(suite.runs()).containsExactly(run);
  }
}
