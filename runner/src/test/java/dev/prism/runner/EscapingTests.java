package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model output reaches the site escaped. */
class EscapingTests {
  @TempDir Path dir;

  @Test
  void scriptInACompletionIsEscapedOnEveryPage() throws Exception {
    Path instances = dir.resolve("xss.jsonl");
    Files.write(
        instances,
        List.of(
            "{\"id\":\"id0\",\"input\":{\"text\":\"<script>alert(1)</script>\"},"
                + "\"references\":[{\"output\":{\"text\":\"<b>x</b>\"},\"tags\":[\"correct\"]}],"
                + "\"split\":\"test\"}"));
    Path out = dir.resolve("out");
    // simple/echo repeats the input, so the completion is the script tag itself.
    Cli cli = Cli.run("run", instances + ":model=simple/echo", "--output", out.toString());
    assertThat(cli.exit()).as(cli.err()).isZero();
    List<Path> pages;
    try (Stream<Path> s = Files.walk(out.resolve("site"))) {
      pages = s.filter(p -> p.toString().endsWith(".html")).toList();
    }
    assertThat(pages).hasSizeGreaterThanOrEqualTo(2);
    boolean sawEscaped = false;
    for (Path p : pages) {
      String html = Files.readString(p);
      assertThat(html).doesNotContain("<script>alert(1)</script>").doesNotContain("<b>x</b>");
      sawEscaped |= html.contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
    assertThat(sawEscaped).isTrue();
  }
}
