package dev.prism.scenarios.helm;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.Reference;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HELM's {@code SummarizationScenario} for one data set: {@link Cnndm} ({@code
 * summarization_cnndm}), {@link Xsum} ({@code summarization_xsum}) and {@link XsumSampled} ({@code
 * summarization_xsum_sampled}, HELM Classic's XSum runs). Arguments, as HELM's run specs take them:
 * {@code temperature} (default 0.3) and {@code device} (accepted and ignored: it only places HELM's
 * model-based metrics, which Prism lacks).
 *
 * <p>Data: HELM's pickle ({@code cnndm.pk}, {@code xsum.pk}, {@code xsum-sampled.pk}), read with
 * {@link Pickle}, which accepts built-in values only. HELM reads {@code dataset[split]} for {@code
 * train}, {@code validation} ({@code → valid}) and {@code test} and each example's article and
 * summary ({@code article}/{@code highlights} for CNN/DM, {@code document}/{@code summary} for
 * XSum), so the pickle must be a mapping from those split names to sequences of mappings. A pickle
 * of other objects (say a Hugging Face {@code DatasetDict}) is refused with a message naming the
 * class. Texts get {@code "\n"} → {@code " "} and whitespace-token truncation ({@code " "
 * .join(text.split()[:512])} for articles, no limit for summaries). Train examples whose article
 * has fewer than 50 or more than 150 tokens are dropped; for {@code xsum} only (not {@code
 * xsum-sampled}, as in HELM), also BBC boilerplate ("Media playback is unsupported on your device",
 * "Last updated at"), summaries of 10 tokens or fewer, and summaries longer than 0.2 × the article.
 *
 * <p>Prompt: {@code get_summarization_adapter_spec}: {@code "###\nArticle: "}, then {@code
 * "\n\nSummarize the above article in N sentence(s).\n"}, stop {@code ###}, 5 examples, 1 output.
 * Metrics: ROUGE-1, ROUGE-2 (main), ROUGE-L. HELM's {@code SummarizationMetric} also reports
 * SummaC, QAFactEval, BERTScore, coverage, density and compression, which Prism has not ported.
 */
public abstract class SummarizationScenario implements Scenario, DataRequirements {
  private static final String BASE =
      "https://storage.googleapis.com/crfm-helm-public/source_datasets/scenarios/"
          + "summarization_scenario/";
  private static final int DOC_MAX_LENGTH = 512;
  private static final int SAMPLING_MIN_LENGTH = 50;
  private static final int SAMPLING_MAX_LENGTH = 150;
  private static final Map<String, Split> SPLITS =
      Map.of("train", Split.TRAIN, "validation", Split.VALID, "test", Split.TEST);

  private final String name;
  private final String file;
  private final String articleKey;
  private final String summaryKey;
  private final int sentences;
  private final int maxTokens;

  SummarizationScenario(
      String name,
      String file,
      String articleKey,
      String summaryKey,
      int sentences,
      int maxTokens) {
    this.name = name;
    this.file = file;
    this.articleKey = articleKey;
    this.summaryKey = summaryKey;
    this.sentences = sentences;
    this.maxTokens = maxTokens;
  }

  /** {@code helm/summarization_cnndm}: CNN/DailyMail, 3-sentence summaries. */
  public static final class Cnndm extends SummarizationScenario {
    /** Cheap; data is read in {@link #instances}. */
    public Cnndm() {
      super("summarization_cnndm", "cnndm.pk", "article", "highlights", 3, 128);
    }

    @Override
    public String description() {
      return "CNN/DailyMail: summarize news articles in 3 sentences (HELM summarization_cnndm)";
    }
  }

  /** {@code helm/summarization_xsum}: XSum with HELM's train filter, 1-sentence summaries. */
  public static final class Xsum extends SummarizationScenario {
    /** Cheap; data is read in {@link #instances}. */
    public Xsum() {
      super("summarization_xsum", "xsum.pk", "document", "summary", 1, 64);
    }

    @Override
    public String description() {
      return "XSum: summarize BBC articles in 1 sentence (HELM summarization_xsum)";
    }

    @Override
    boolean dropTrain(String article, String summary) {
      int articleTokens = tokens(article).size();
      int summaryTokens = tokens(summary).size();
      return article.contains("Media playback is unsupported on your device")
          || article.contains("Last updated at")
          || summaryTokens <= 10
          || (double) summaryTokens / articleTokens > 0.2;
    }
  }

  /** {@code helm/summarization_xsum_sampled}: HELM's sampled XSum (no XSum train filter). */
  public static final class XsumSampled extends SummarizationScenario {
    /** Cheap; data is read in {@link #instances}. */
    public XsumSampled() {
      super("summarization_xsum_sampled", "xsum-sampled.pk", "document", "summary", 1, 64);
    }

    @Override
    public String description() {
      return "XSum (HELM's sample): summarize BBC articles in 1 sentence"
          + " (HELM summarization_xsum_sampled)";
    }
  }

  @Override
  public final String id() {
    return "helm/" + name;
  }

  @Override
  public final String dataName() {
    return name;
  }

  @Override
  public final List<DataFile> dataFiles() {
    return List.of(DataFile.plain(file, BASE + file));
  }

  /** HELM's extra train filter ({@code _xsum_filter}); none by default. */
  boolean dropTrain(String article, String summary) {
    return false;
  }

  /**
   * @throws PrismUserException for arguments, missing or malformed files
   */
  @Override
  public final List<Instance> instances(ScenarioContext context) {
    checkArgs(context.args());
    Path path = ScenarioData.require(this, context, file);
    Object dataset = load(path);
    if (!(dataset instanceof Map<?, ?> splits)) {
      throw ScenarioData.malformed(path, 0, "expected a dict of splits, got " + type(dataset));
    }
    List<Instance> result = new ArrayList<>();
    for (String split : List.of("train", "validation", "test")) {
      if (!(splits.get(split) instanceof List<?> examples)) {
        throw ScenarioData.malformed(path, 0, "split '" + split + "' is not a list of examples");
      }
      for (Object example : examples) {
        if (!(example instanceof Map<?, ?> fields)
            || !(fields.get(articleKey) instanceof String rawArticle)
            || !(fields.get(summaryKey) instanceof String rawSummary)) {
          throw ScenarioData.malformed(
              path, 0, "examples must map '" + articleKey + "' and '" + summaryKey + "' to text");
        }
        String article = clean(rawArticle, DOC_MAX_LENGTH);
        String summary = clean(rawSummary, Integer.MAX_VALUE);
        if (split.equals("train")) {
          int length = tokens(article).size();
          if (length > SAMPLING_MAX_LENGTH
              || length < SAMPLING_MIN_LENGTH
              || dropTrain(article, summary)) {
            continue;
          }
        }
        result.add(
            Instance.of(
                "id" + result.size(),
                article,
                List.of(Reference.correct(summary)),
                SPLITS.get(split)));
      }
    }
    return List.copyOf(result);
  }

  private static Object load(Path path) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      return Pickle.load(in);
    } catch (Pickle.PickleException e) {
      throw ScenarioData.malformed(path, 0, e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private static String type(Object o) {
    return o == null ? "None" : o.getClass().getSimpleName();
  }

  private void checkArgs(Map<String, String> args) {
    HelmArgs.checkKnown(id(), args, List.of("temperature", "device"));
    temperature(args);
  }

  private double temperature(Map<String, String> args) {
    String value = args.getOrDefault("temperature", "0.3");
    try {
      double t = Double.parseDouble(value);
      if (t >= 0 && Double.isFinite(t)) {
        return t;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new PrismUserException(
        "scenario '" + id() + "': temperature must be a number >= 0, got '" + value + "'",
        "For example " + name + ":temperature=0.3");
  }

  /**
   * HELM's {@code _clean_and_truncate}: newlines to spaces, first {@code max} whitespace tokens.
   */
  static String clean(String text, int max) {
    List<String> tokens = tokens(text.replace('\n', ' '));
    return String.join(" ", tokens.subList(0, Math.min(max, tokens.size())));
  }

  /** Python's {@code str.split()}: runs of whitespace separate, none at either end. */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < text.length(); i++) {
      if (Py.isSpace(text.charAt(i))) {
        if (start >= 0) {
          tokens.add(text.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
    }
    if (start >= 0) {
      tokens.add(text.substring(start));
    }
    return tokens;
  }

  /**
   * HELM's summarization prompt with the run's temperature.
   *
   * @throws PrismUserException for unknown arguments or a bad temperature
   */
  @Override
  public final PromptFormat promptFormat(Map<String, String> args) {
    checkArgs(args);
    return format(temperature(args));
  }

  @Override
  public final PromptFormat promptFormat() {
    return format(0.3);
  }

  private PromptFormat format(double temperature) {
    return PromptFormat.defaults().toBuilder()
        .method(PromptMethod.GENERATION)
        .instructions("")
        .inputPrefix("###\nArticle: ")
        .inputSuffix("\n\n")
        .outputPrefix(
            "Summarize the above article in "
                + sentences
                + (sentences == 1 ? " sentence.\n" : " sentences.\n"))
        .outputSuffix("\n")
        .maxTrainInstances(5)
        .numOutputs(1)
        .stopSequences(List.of("###"))
        .maxTokens(maxTokens)
        .temperature(temperature)
        .build();
  }

  @Override
  public final List<String> metrics() {
    return List.of("rouge_1", "rouge_2", "rouge_l");
  }

  @Override
  public final String mainMetric() {
    return "rouge_2";
  }
}
