package dev.prism.scenarios.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.Reference;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import dev.prism.scenarios.random.PythonRandom;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code helm/natural_qa}: HELM's {@code NaturalQAScenario}, Google search questions answered from
 * Wikipedia. Argument {@code mode}: {@code openbook_longans} (default, HELM's open-book runs),
 * {@code closedbook}, or {@code openbook_wiki}.
 *
 * <p>Data: the five Natural Questions dev files {@code nq-dev-0{0..4}.jsonl.gz} (full format), and
 * the WHATWG {@code entities.json}, the table behind Python's {@code html.unescape} (see {@link
 * HtmlUnescape}). Only examples with at least one short answer are kept; in each file the kept
 * examples alternate train (even index) / valid (odd). Every short answer (and the long answer of
 * its annotation) is cut from the UTF-8 bytes of {@code document_html}, {@code \xc2\xa0} replaced
 * by a space, HTML-unescaped, tags removed. CPython's {@code random.seed(0)} (once) then {@code
 * randint(0, #short - 1)} per example picks the answer: train keeps that one short answer, valid
 * keeps all of them, de-duplicated in order.
 *
 * <p>Input: the question, {@code capitalize()}d, with {@code "?"} appended when missing; open-book
 * modes prepend {@code "Passage: " + long answer + "\n\n"} (or {@code "Title: …\n\nPassage: " +
 * tokens + "\n\n"} for {@code openbook_wiki}), and write {@code "Question: "} before it.
 *
 * <p>Prompt: {@code get_generation_adapter_spec(input_noun="Question" only when closed-book,
 * output_noun="Answer", max_tokens=300)}. Metrics: exact match, quasi-exact match and F1 ({@code
 * get_f1_metric_specs}); main {@code f1_score}.
 */
public final class NaturalQaScenario implements Scenario, DataRequirements {
  static final String ID = "helm/natural_qa";
  static final String ENTITIES = "entities.json";
  static final List<String> MODES = List.of("openbook_longans", "closedbook", "openbook_wiki");
  private static final Pattern TAG = Pattern.compile("<([^>]*)>");

  /** Cheap; data is read in {@link #instances}. */
  public NaturalQaScenario() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "NaturalQuestions: search questions, open- or closed-book (HELM natural_qa; mode=…)";
  }

  @Override
  public String dataName() {
    return "natural_qa";
  }

  @Override
  public List<DataFile> dataFiles() {
    List<DataFile> files = new ArrayList<>();
    for (String name : fileNames()) {
      files.add(
          DataFile.plain(
              name, "https://storage.googleapis.com/natural_questions/v1.0/dev/" + name));
    }
    files.add(DataFile.plain(ENTITIES, "https://html.spec.whatwg.org/entities.json"));
    return List.copyOf(files);
  }

  private static List<String> fileNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      names.add(String.format(java.util.Locale.ROOT, "nq-dev-%02d.jsonl.gz", i));
    }
    return names;
  }

  /**
   * @throws PrismUserException for arguments, missing or malformed files
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    String mode = mode(context.args());
    HtmlUnescape html =
        HtmlUnescape.fromEntitiesJson(ScenarioData.require(this, context, ENTITIES));
    PythonRandom random = new PythonRandom(0);
    List<Instance> result = new ArrayList<>();
    for (String name : fileNames()) {
      Path file = ScenarioData.require(this, context, name);
      int[] kept = {0};
      ScenarioData.forEachJsonLine(
          file,
          (row, line) -> {
            Raw raw = raw(row, mode, html, file, line);
            if (raw == null) {
              return;
            }
            Split split = kept[0]++ % 2 == 0 ? Split.TRAIN : Split.VALID;
            result.add(instance(raw, mode, split, random, "id" + result.size()));
          });
    }
    return List.copyOf(result);
  }

  private static String mode(Map<String, String> args) {
    HelmArgs.checkKnown(ID, args, List.of("mode"));
    return HelmArgs.oneOf(ID, args, "mode", MODES, "openbook_longans");
  }

  /** HELM's {@code RawInstance}: the parts of one example an instance is built from. */
  private record Raw(
      String title,
      String document,
      String question,
      List<String> longAnswers,
      List<String> shortAnswers) {}

  /** {@code null} for an example without short answers. */
  private static Raw raw(JsonNode row, String mode, HtmlUnescape html, Path file, int line) {
    JsonNode annotations = ScenarioData.node(row, "annotations", file, line - 1);
    boolean any = false;
    for (JsonNode a : annotations) {
      any |= a.path("short_answers").size() > 0;
    }
    if (!any) {
      return null;
    }
    byte[] bytes =
        ScenarioData.text(row, "document_html", file, line - 1).getBytes(StandardCharsets.UTF_8);
    List<String> longAnswers = new ArrayList<>();
    List<String> shortAnswers = new ArrayList<>();
    for (JsonNode a : annotations) {
      String longAnswer = cleanText(slice(bytes, a.path("long_answer")), html);
      for (JsonNode s : a.path("short_answers")) {
        shortAnswers.add(cleanText(slice(bytes, s), html));
        longAnswers.add(longAnswer);
      }
    }
    String document = "";
    if (mode.equals("openbook_wiki")) { // the detokenized page is only read in this mode
      List<String> tokens = new ArrayList<>();
      for (JsonNode t : ScenarioData.node(row, "document_tokens", file, line - 1)) {
        String token = html.unescape(t.path("token").asText().replace(" ", "_"));
        tokens.add(TAG.matcher(token).replaceAll(""));
      }
      document = String.join(" ", tokens);
    }
    return new Raw(
        ScenarioData.text(row, "document_title", file, line - 1),
        document,
        ScenarioData.text(row, "question_text", file, line - 1),
        longAnswers,
        shortAnswers);
  }

  /** {@code html_bytes[start_byte:end_byte]} with Python's slice rules (negative from the end). */
  private static byte[] slice(byte[] bytes, JsonNode span) {
    int n = bytes.length;
    int start = clamp(span.path("start_byte").asInt(0), n);
    int end = clamp(span.path("end_byte").asInt(0), n);
    return end <= start ? new byte[0] : java.util.Arrays.copyOfRange(bytes, start, end);
  }

  private static int clamp(int index, int n) {
    int i = index < 0 ? index + n : index;
    return Math.max(0, Math.min(n, i));
  }

  /** HELM's {@code _clean_text}: no-break spaces to spaces, unescape, remove tags. */
  private static String cleanText(byte[] raw, HtmlUnescape html) {
    byte[] spaced = new byte[raw.length];
    int n = 0;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == (byte) 0xc2 && i + 1 < raw.length && raw[i + 1] == (byte) 0xa0) {
        spaced[n++] = ' ';
        i++;
      } else {
        spaced[n++] = raw[i];
      }
    }
    String text = new String(spaced, 0, n, StandardCharsets.UTF_8);
    return TAG.matcher(html.unescape(text)).replaceAll("");
  }

  private static Instance instance(
      Raw raw, String mode, Split split, PythonRandom random, String id) {
    String question = Py.capitalize(raw.question());
    if (!question.endsWith("?")) {
      question += "?";
    }
    int pick = (int) random.randint(0, raw.shortAnswers().size() - 1L);
    String input =
        switch (mode) {
          case "closedbook" -> question;
          case "openbook_wiki" ->
              "Title: "
                  + raw.title()
                  + "\n\nPassage: "
                  + raw.document()
                  + "\n\nQuestion: "
                  + question;
          default -> "Passage: " + raw.longAnswers().get(pick) + "\n\nQuestion: " + question;
        };
    List<String> answers =
        split == Split.TRAIN
            ? List.of(raw.shortAnswers().get(pick))
            : List.copyOf(new LinkedHashSet<>(raw.shortAnswers()));
    return Instance.of(id, input, answers.stream().map(Reference::correct).toList(), split);
  }

  /**
   * HELM's prompt for the mode: a {@code "Question: "} prefix only closed-book (open-book inputs
   * carry their own).
   *
   * @throws PrismUserException for an unknown mode
   */
  @Override
  public PromptFormat promptFormat(Map<String, String> args) {
    return format(mode(args));
  }

  @Override
  public PromptFormat promptFormat() {
    return format("openbook_longans");
  }

  private static PromptFormat format(String mode) {
    return HelmFormats.generation("", mode.equals("closedbook") ? "Question" : null, "Answer", 300);
  }

  @Override
  public List<String> metrics() {
    return HelmFormats.F1;
  }

  @Override
  public String mainMetric() {
    return "f1_score";
  }
}
