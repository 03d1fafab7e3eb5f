package dev.prism.scenarios.declarative;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the columns of a scenario's CSV files become {@link dev.prism.core.Instance} fields: the
 * {@code columns:} mapping of a scenario YAML file. Which combinations are allowed is checked when
 * the YAML is read; see {@link DeclarativeScenario}.
 *
 * @param input the input text's column; {@code null} when only {@code messages} is mapped
 * @param references columns whose non-empty cells are correct references (free-text answers)
 * @param correct the column holding the correct answer's text; {@code null} if not mapped
 * @param choices multiple-choice option columns, in option order; empty when not multiple choice
 * @param answerIndex the column holding the 0-based index of the correct choice, or {@code null}
 * @param answerLetter the column holding the letter (A, B, …) of the correct choice, or {@code
 *     null}
 * @param split the column holding train/valid/test, or {@code null} (every row is test)
 * @param subSplit the sub-split column, or {@code null}
 * @param id the instance id column, or {@code null} (ids {@code id0, id1, …} by position)
 * @param messages the column holding chat messages as a JSON array of {@code {role, content}}
 *     (prompt method {@code chat}), or {@code null}
 */
record ColumnMapping(
    Column input,
    List<Column> references,
    Column correct,
    List<Column> choices,
    Column answerIndex,
    Column answerLetter,
    Column split,
    Column subSplit,
    Column id,
    Column messages) {

  /**
   * One mapped column.
   *
   * @param name the column's name in the CSV header
   * @param key where it is mapped, e.g. {@code columns.input} or {@code columns.choices[2]}
   * @param yamlLine the line of the YAML file that names it
   */
  record Column(String name, String key, int yamlLine) {
    Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(key, "key");
    }
  }

  ColumnMapping {
    if (input == null && messages == null) {
      throw new IllegalArgumentException("map an input or a messages column");
    }
    references = List.copyOf(references);
    choices = List.copyOf(choices);
  }

  /** Every mapped column, in the order of the fields above. */
  List<Column> all() {
    List<Column> all = new ArrayList<>();
    if (input != null) {
      all.add(input);
    }
    all.addAll(references);
    all.addAll(choices);
    for (Column c :
        new Column[] {correct, answerIndex, answerLetter, split, subSplit, id, messages}) {
      if (c != null) {
        all.add(c);
      }
    }
    return all;
  }
}
