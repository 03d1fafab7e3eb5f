package dev.prism.adapters.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.Completion;
import dev.prism.core.PrismUserException;
import dev.prism.core.Token;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads predictions JSONL: one {@code {"instance_id","completions":[{"text","logprob"?,
 * "tokens"?:[{"text","logprob"}]}], "perturbation"?, "train_trial_index"?, "reference_index"?,
 * "request_mode"?, "request_time"?}} per line. Errors name the file and line.
 */
public final class PredictionsFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REQUEST_MODES = Set.of("original", "calibration");
  private static final String HINT = "Fix the line (format: see README, 'Predictions files')";

  private PredictionsFile() {}

  /**
   * Reads every prediction, keyed by the request it answers.
   *
   * @throws PrismUserException for a missing file, malformed line or duplicate key
   */
  public static Map<Prediction.Key, Prediction> read(Path file) {
    Map<Prediction.Key, Prediction> byKey = new LinkedHashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String where = file + ":" + lineNo;
        Prediction p = parse(line, where);
        Prediction previous = byKey.putIfAbsent(p.key(), p);
        if (previous != null) {
          throw new PrismUserException(
              where + ": duplicate prediction for instance '" + p.instanceId() + "'",
              "Keep one line per instance, perturbation, trial and reference");
        }
      }
    } catch (NoSuchFileException e) {
      throw new PrismUserException(
          "predictions file not found: " + file, "Check the --predictions path");
    } catch (IOException e) {
      throw new PrismUserException(
          "cannot read predictions file " + file + ": " + e.getMessage(), "Check the file");
    }
    return byKey;
  }

  static Prediction parse(String line, String where) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new PrismUserException(
          where + ": bad JSON (" + e.getOriginalMessage().replace('\n', ' ') + ")", HINT);
    }
    if (node == null || !node.isObject()) {
      throw new PrismUserException(where + ": expected a JSON object", HINT);
    }
    JsonNode id = node.get("instance_id");
    if (id == null || !id.isTextual()) {
      throw new PrismUserException(where + ": missing string field 'instance_id'", HINT);
    }
    JsonNode completions = node.get("completions");
    if (completions == null || !completions.isArray() || completions.isEmpty()) {
      throw new PrismUserException(where + ": 'completions' must be a non-empty array", HINT);
    }
    List<Completion> parsed = new ArrayList<>();
    for (JsonNode c : completions) {
      parsed.add(completion(c, where));
    }
    String mode = optionalText(node, "request_mode", where);
    if (mode != null && !REQUEST_MODES.contains(mode)) {
      throw new PrismUserException(
          where + ": request_mode must be 'original' or 'calibration', not '" + mode + "'", HINT);
    }
    JsonNode time = node.get("request_time");
    if (time != null && !time.isNumber()) {
      throw new PrismUserException(where + ": request_time must be a number (seconds)", HINT);
    }
    return new Prediction(
        id.asText(),
        optionalText(node, "perturbation", where),
        optionalInt(node, "train_trial_index", where, 0),
        node.hasNonNull("reference_index") ? optionalInt(node, "reference_index", where, 0) : null,
        mode,
        parsed,
        time == null ? null : time.asDouble());
  }

  private static Completion completion(JsonNode c, String where) {
    if (!c.isObject() || !c.path("text").isTextual()) {
      throw new PrismUserException(where + ": each completion needs a string 'text'", HINT);
    }
    List<Token> tokens = new ArrayList<>();
    JsonNode toks = c.get("tokens");
    if (toks != null && !toks.isNull()) {
      if (!toks.isArray()) {
        throw new PrismUserException(where + ": 'tokens' must be an array", HINT);
      }
      for (JsonNode t : toks) {
        if (!t.path("text").isTextual()) {
          throw new PrismUserException(where + ": each token needs a string 'text'", HINT);
        }
        tokens.add(new Token(t.get("text").asText(), t.path("logprob").asDouble(0.0)));
      }
    }
    JsonNode logprob = c.get("logprob");
    double lp;
    if (logprob != null && !logprob.isNull()) {
      if (!logprob.isNumber()) {
        throw new PrismUserException(where + ": 'logprob' must be a number", HINT);
      }
      lp = logprob.asDouble();
    } else {
      lp = tokens.stream().mapToDouble(Token::logprob).sum();
    }
    String finish = c.path("finish_reason").isTextual() ? c.get("finish_reason").asText() : null;
    return new Completion(c.get("text").asText(), lp, tokens, finish);
  }

  private static String optionalText(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new PrismUserException(where + ": '" + field + "' must be a string", HINT);
    }
    return v.asText();
  }

  private static int optionalInt(JsonNode node, String field, String where, int dflt) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.canConvertToExactIntegral() || v.asInt() < 0) {
      throw new PrismUserException(
          where + ": '" + field + "' must be a non-negative integer", HINT);
    }
    return v.asInt();
  }
}
