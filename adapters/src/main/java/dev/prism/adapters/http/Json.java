package dev.prism.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.core.Completion;
import dev.prism.core.Usage;
import java.util.ArrayList;
import java.util.List;

/** The one JSON mapper of the HTTP adapters, and small helpers for reading provider responses. */
public final class Json {
  /** Thread-safe once configured. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private Json() {}

  /** A new empty JSON object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Compact JSON text of a tree. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** The text of a field, or {@code null} when absent, null or not textual. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isTextual() ? null : v.asText();
  }

  /** A number field as a double; {@code 0} when absent or null (HELM's {@code logprob or 0}). */
  public static double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? 0.0 : v.asDouble();
  }

  /**
   * Token counts reported in {@code node}: the sum of the {@code promptFields} and of the {@code
   * completionFields} present (absent ones count 0); {@code null} when none is a number, so that a
   * backend that reports nothing is not read as zero tokens.
   */
  public static Usage usage(JsonNode node, List<String> promptFields, List<String> completion) {
    if (node == null || !node.isObject()) {
      return null;
    }
    boolean any = false;
    int[] sums = new int[2];
    List<List<String>> groups = List.of(promptFields, completion);
    for (int g = 0; g < 2; g++) {
      for (String f : groups.get(g)) {
        JsonNode v = node.get(f);
        if (v != null && v.canConvertToInt() && v.asInt() >= 0) {
          sums[g] += v.asInt();
          any = true;
        }
      }
    }
    return any ? new Usage(sums[0], sums[1]) : null;
  }

  /**
   * {@code completions} of one call with its {@code usage} on the first (see {@link
   * Completion#usage()}); unchanged when {@code usage} is {@code null}.
   */
  public static List<Completion> withCallUsage(List<Completion> completions, Usage usage) {
    if (usage == null || completions.isEmpty()) {
      return completions;
    }
    List<Completion> out = new ArrayList<>(completions);
    out.set(0, out.get(0).withUsage(usage));
    return out;
  }
}
