package dev.prism.adapters.http;

import dev.prism.core.Completion;
import dev.prism.core.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * HELM's {@code truncate_sequence}: servers that ignore stop sequences (or ones we could not send,
 * such as whitespace-only stops for Anthropic) are cut after the fact. The text is cut before the
 * first stop sequence found; tokens are kept while their concatenated text stays within the cut
 * text, and the total log-probability is recomputed from the kept tokens. Echoed prompts are never
 * truncated. Usage and time to first token are kept: the backend billed and sent them all the same.
 */
public final class Truncation {
  private Truncation() {}

  /** {@code c} cut at the earliest of {@code stops}; unchanged when none occurs. */
  public static Completion atStops(Completion c, List<String> stops) {
    int cut = -1;
    for (String s : stops) {
      if (s.isEmpty()) {
        continue;
      }
      int i = c.text().indexOf(s);
      if (i >= 0 && (cut < 0 || i < cut)) {
        cut = i;
      }
    }
    if (cut < 0) {
      return c;
    }
    String text = c.text().substring(0, cut);
    List<Token> kept = new ArrayList<>();
    double logprob = 0;
    int length = 0;
    for (Token t : c.tokens()) {
      if (length + t.text().length() > text.length()) {
        break;
      }
      kept.add(t);
      length += t.text().length();
      logprob += t.logprob();
    }
    return new Completion(
        text,
        c.tokens().isEmpty() ? c.logprob() : logprob,
        kept,
        "stop",
        c.usage(),
        c.ttftSeconds());
  }
}
