package dev.prism.adapters.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SimpleTokenizerTests {
  @Test
  void splitsWordsAndPunctuationWithLeadingWhitespace() {
    SimpleTokenizer t = new SimpleTokenizer();
    List<Integer> ids = t.encode("Hello, world! Hello");
    assertThat(ids).hasSize(5);
    assertThat(ids.get(0)).isNotEqualTo(ids.get(4)); // "Hello" vs " Hello"
    assertThat(t.decode(ids.subList(0, 2))).isEqualTo("Hello,");
    assertThat(t.decode(ids.subList(2, 3))).isEqualTo(" world");
    assertThat(t.count("Hello, world! Hello")).isEqualTo(5);
  }

  @Test
  void decodingIsExactIncludingTrailingWhitespace() {
    SimpleTokenizer t = new SimpleTokenizer();
    String text = "  Input: 3+4 = ?\n\nOutput:  \n";
    assertThat(t.decode(t.encode(text))).isEqualTo(text);
    assertThat(t.count(text)).isEqualTo(t.encode(text).size());
    assertThat(t.encode("")).isEmpty();
  }

  @Test
  void truncateFromTheRight() {
    SimpleTokenizer t = new SimpleTokenizer();
    assertThat(t.truncate("one two three four", 2)).isEqualTo("one two");
    assertThat(t.truncate("one two", 2)).isEqualTo("one two");
  }

  @Test
  void unknownIdIsRejected() {
    assertThatThrownBy(() -> new SimpleTokenizer().decode(List.of(7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7");
  }

  @Test
  void characterClassesAreThePatternsOnEveryCodePoint() {
    Pattern word = Pattern.compile("\\w", Pattern.UNICODE_CHARACTER_CLASS);
    Pattern space = Pattern.compile("\\s", Pattern.UNICODE_CHARACTER_CLASS);
    List<String> wrong = new ArrayList<>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT && wrong.size() < 5; cp++) {
      String s = Character.toString(cp);
      if (SimpleTokenizer.isWord(cp) != word.matcher(s).matches()
          || SimpleTokenizer.isSpace(cp) != space.matcher(s).matches()) {
        wrong.add(Integer.toHexString(cp));
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void scannerSplitsLikeThePattern() {
    // Mixed scripts, combining marks, joiners, surrogate pairs, a lone surrogate, odd whitespace.
    String alphabet =
        "ab Z_09 \t\n\r,.!?-\u00e9\u0301\u4e2d\u0661\u200d\u00a0\u2028\u0085\ud83d\ude00\ud800";
    Random random = new Random(7);
    SimpleTokenizer t = new SimpleTokenizer();
    for (int n = 0; n < 2000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(30);
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      List<String> expected = new ArrayList<>();
      Matcher m = SimpleTokenizer.TOKEN.matcher(text);
      while (m.find()) {
        expected.add(m.group());
      }
      List<String> actual = new ArrayList<>();
      for (int start = 0; start < text.length(); ) {
        int end = SimpleTokenizer.tokenEnd(text.toString(), start);
        actual.add(text.substring(start, end));
        start = end;
      }
      assertThat(actual).as("tokens of %s", text).isEqualTo(expected);
      assertThat(t.count(text.toString())).isEqualTo(expected.size());
    }
  }
}
