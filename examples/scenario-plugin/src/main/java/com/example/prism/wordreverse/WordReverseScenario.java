package com.example.prism.wordreverse;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.Reference;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code acme/word_reverse}: spell a word backwards. The words ship inside the plugin jar ({@code
 * words.tsv}, one {@code split<TAB>word} per line), so the scenario needs no download.
 *
 * <pre>
 * Word: stressed
 * Reversed: desserts
 * </pre>
 */
public final class WordReverseScenario implements Scenario {
  private static final String WORDS = "words.tsv";

  /** Called by {@link java.util.ServiceLoader}; cheap, reads nothing. */
  public WordReverseScenario() {}

  @Override
  public String id() {
    return "acme/word_reverse";
  }

  @Override
  public String description() {
    return "Spell a word backwards (example plugin)";
  }

  @Override
  public List<Instance> instances(ScenarioContext context) {
    if (!context.args().isEmpty()) {
      throw new PrismUserException(
          "acme/word_reverse takes no arguments, got " + context.args().keySet(),
          "Remove the arguments");
    }
    List<Instance> instances = new ArrayList<>();
    try (InputStream in = WordReverseScenario.class.getResourceAsStream(WORDS)) {
      if (in == null) {
        throw new IllegalStateException(WORDS + " is missing from the plugin jar");
      }
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int lineNo = 0;
      while ((line = lines.readLine()) != null) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t");
        if (fields.length != 2) {
          throw new IllegalStateException(WORDS + ":" + lineNo + ": expected split<TAB>word");
        }
        String word = fields[1].strip();
        instances.add(
            Instance.of(
                "id" + instances.size(),
                word,
                List.of(Reference.correct(new StringBuilder(word).reverse().toString())),
                Split.fromHelmName(fields[0])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return instances;
  }

  @Override
  public PromptFormat promptFormat() {
    return PromptFormat.defaults().toBuilder()
        .instructions("Spell each word backwards.")
        .inputPrefix("Word: ")
        .outputPrefix("Reversed: ")
        .maxTrainInstances(3)
        .numOutputs(1)
        .temperature(0)
        .maxTokens(10)
        .stopSequences(List.of("\n"))
        .build();
  }

  @Override
  public List<String> metrics() {
    return List.of("exact_match", CharAccuracyMetric.ID);
  }

  @Override
  public String mainMetric() {
    return "exact_match";
  }
}
