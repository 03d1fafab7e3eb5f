package dev.prism.scenarios.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected rows are what CPython's {@code csv.reader} returns for the same text, except the empty
 * line, for which Python returns an empty row.
 */
class CsvTests {
  @Test
  void readsLikePythonsCsvReader() throws IOException {
    String text = "a,\"b, c\",\"say \"\"hi\"\"\"\r\n\n\"multi\nline\",,x\"y\nlast,";
    assertThat(Csv.parse(new StringReader(text), ','))
        .containsExactly(
            List.of("a", "b, c", "say \"hi\""),
            List.of("multi\nline", "", "x\"y"),
            List.of("last", ""));
  }

  @Test
  void tabsAndUnterminatedQuotes() throws IOException {
    assertThat(Csv.parse(new StringReader("1\t2\n"), '\t')).containsExactly(List.of("1", "2"));
    assertThatThrownBy(() -> Csv.parse(new StringReader("a,\"open\n"), ','))
        .isInstanceOf(Csv.CsvException.class)
        .hasMessageContaining("inside a quoted field");
  }

  @Test
  void rowsKnowTheLineTheyStartOn() throws IOException {
    String text = "h1,h2\r\n\r\n\"two\nlines\",x\nnext,\"\"\n";
    assertThat(Csv.rows(new StringReader(text), ','))
        .containsExactly(
            new Csv.Row(List.of("h1", "h2"), 1),
            new Csv.Row(List.of("two\nlines", "x"), 3),
            new Csv.Row(List.of("next", ""), 5));
  }

  @Test
  void anUnclosedQuoteIsReportedWhereItOpens() {
    assertThatThrownBy(() -> Csv.rows(new StringReader("a,b\nc,\"open\nmore\nrest\n"), ','))
        .isInstanceOf(Csv.CsvException.class)
        .satisfies(e -> assertThat(((Csv.CsvException) e).line()).isEqualTo(2));
  }

  @Test
  void skipsInitialSpacesAndStreamsWithLineNumbers() throws IOException {
    List<String> seen = new java.util.ArrayList<>();
    Csv.parse(
        new StringReader("a,  \"b, c\", d\n\"x\ny\",2\n"),
        ',',
        true,
        (row, line) -> seen.add(line + ":" + row));
    assertThat(seen).containsExactly("1:[a, b, c, d]", "2:[x\ny, 2]");
  }
}
