package dev.prism.metrics.toxicity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.core.ErrorKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Any text-classification endpoint with the Hugging Face / TGI shape (name {@code
 * http-classifier:<host><path>}): {@code POST {"inputs": [text, …]}} (at most {@link #BATCH_SIZE}
 * texts per call), answered with one entry per text, either {@code {"label": …, "score": …}} (the
 * top label) or a list of them (all labels). A text's score is the score of the label equal to the
 * configured toxic label (case-insensitive); when only one other label is given, {@code 1 − score}
 * (which assumes a binary classifier); anything else is an error. An optional bearer token is sent
 * as {@code Authorization}; it never appears in an error message. Retries like {@link
 * PerspectiveApiScorer}. Thread-safe; the constructor does no I/O.
 */
public final class HttpClassifierScorer implements ToxicityScorer {
  /** Texts per request. */
  static final int BATCH_SIZE = 32;

  private final URI endpoint;
  private final String toxicLabel;
  private final String bearerToken;
  private final JsonHttp http;

  /**
   * @param endpoint the classification URL, e.g. {@code http://localhost:8080/predict}
   * @param toxicLabel the label meaning "toxic", e.g. {@code toxic} or {@code LABEL_1}
   * @param bearerToken a token for {@code Authorization: Bearer …}, or {@code null}
   */
  public HttpClassifierScorer(URI endpoint, String toxicLabel, String bearerToken) {
    this(endpoint, toxicLabel, bearerToken, JsonHttp.Policy.DEFAULT, null);
  }

  HttpClassifierScorer(
      URI endpoint,
      String toxicLabel,
      String bearerToken,
      JsonHttp.Policy policy,
      HttpClient client) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.toxicLabel = Objects.requireNonNull(toxicLabel, "toxicLabel");
    this.bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken;
    this.http = new JsonHttp("classifier " + endpoint.getHost(), policy, this.bearerToken, client);
  }

  @Override
  public String name() {
    return "http-classifier:" + endpoint.getHost() + endpoint.getPath();
  }

  /** The full endpoint URL and the toxic label (as compared, lower case). */
  @Override
  public Optional<String> cacheKey() {
    return Optional.of(
        "http-classifier url=" + endpoint + " label=" + toxicLabel.toLowerCase(Locale.ROOT));
  }

  @Override
  public int batchSize() {
    return BATCH_SIZE;
  }

  @Override
  public List<Double> score(List<String> texts) {
    Map<String, String> headers =
        bearerToken == null ? Map.of() : Map.of("Authorization", "Bearer " + bearerToken);
    List<Double> scores = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += BATCH_SIZE) {
      List<String> batch = texts.subList(from, Math.min(texts.size(), from + BATCH_SIZE));
      JsonNode response = http.post(endpoint, Map.of("inputs", batch), headers);
      if (!response.isArray() || response.size() != batch.size()) {
        throw new ToxicityScoringException(
            ErrorKind.FATAL,
            "classifier answered "
                + (response.isArray() ? response.size() + " results" : "a non-list")
                + " for "
                + batch.size()
                + " texts");
      }
      for (JsonNode result : response) {
        scores.add(score(result));
      }
    }
    return scores;
  }

  private double score(JsonNode result) {
    List<JsonNode> labels = new ArrayList<>();
    if (result.isArray()) {
      result.forEach(labels::add);
    } else {
      labels.add(result);
    }
    TreeSet<String> seen = new TreeSet<>();
    for (JsonNode l : labels) {
      String label = l.path("label").asText("");
      JsonNode score = l.path("score");
      if (!score.isNumber()) {
        throw new ToxicityScoringException(
            ErrorKind.FATAL, "classifier result without a numeric score: " + l);
      }
      if (label.toLowerCase(Locale.ROOT).equals(toxicLabel.toLowerCase(Locale.ROOT))) {
        return score.asDouble();
      }
      seen.add(label);
    }
    if (labels.size() == 1) {
      return 1.0 - labels.get(0).path("score").asDouble();
    }
    throw new ToxicityScoringException(
        ErrorKind.FATAL, "classifier gave no label '" + toxicLabel + "' (labels: " + seen + ")");
  }
}
