package dev.prism.reports.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTests {
  private static final List<HeaderCell> HEADER =
      List.of(
          new HeaderCell("label", null, null),
          new HeaderCell("up", null, false),
          new HeaderCell("down", null, true));

  @Test
  void bestRowsFollowDirectionAndKeepTies() {
    Table t =
        new Table(
            "t",
            HEADER,
            List.of(
                List.of(Cell.text("a"), num(1), num(3)),
                List.of(Cell.text("b"), num(2), num(1)),
                List.of(Cell.text("c"), num(2), new Cell(null, "-", null))));
    assertThat(t.bestRows(0)).isEmpty();
    assertThat(t.bestRows(1)).containsExactly(1, 2);
    assertThat(t.bestRows(2)).containsExactly(1);
  }

  @Test
  void columnWithoutValuesHasNoBest() {
    Table t = new Table("t", HEADER, List.of(List.of(Cell.text("a"), Cell.text("-"), num(1))));
    assertThat(t.bestRows(1)).isEmpty();
  }

  @Test
  void copiesRowsAndRejectsRaggedOnes() {
    List<Cell> row = new ArrayList<>(List.of(Cell.text("a"), num(1), num(1)));
    Table t = new Table("t", HEADER, List.of(row));
    row.clear();
    assertThat(t.rows().get(0)).hasSize(3);
    assertThatThrownBy(() -> new Table("t", HEADER, List.of(List.of(Cell.text("a")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row 0 has 1 cells but the header has 3");
  }

  @Test
  void cellRejectsNonFiniteValues() {
    assertThatThrownBy(() -> new Cell(Double.NaN, "NaN", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Cell num(double v) {
    return new Cell(v, Double.toString(v), null);
  }
}
