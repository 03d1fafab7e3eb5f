package dev.prism.runner.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.core.ChatMessage;
import dev.prism.core.Completion;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Request;
import dev.prism.core.Stat;
import dev.prism.core.Token;
import dev.prism.core.Usage;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON forms of core records as stored and exported, in HELM's field names. */
public final class Json {
  /** Sorted keys: the canonical form used for hashing. */
  public static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /**
   * Stats are written once per instance of every run, mostly doubles: Jackson's Schubfach writer
   * gives the same shortest round-tripping text several times faster than {@code Double.toString}
   * on Java 17. Not used for hashed forms, so cache keys never change.
   */
  private static final ObjectMapper STATS_JSON =
      new ObjectMapper(
          com.fasterxml.jackson.core.JsonFactory.builder()
              .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
              .build());

  private Json() {}

  /** Canonical JSON of a request (sorted keys), the request-cache key's input. */
  public static String request(Request r) {
    Map<String, Object> m = requestParams(r);
    m.put("prompt", r.prompt());
    return write(m);
  }

  /**
   * Canonical JSON of a request's parameters: everything but the prompt, which is stored apart. A
   * chat request's {@code messages} (HELM's {@code [{"role", "content"}]}) are parameters; a
   * request without messages has no such key, so its JSON and cache key are as before chat.
   */
  public static String params(Request r) {
    return write(requestParams(r));
  }

  private static Map<String, Object> requestParams(Request r) {
    Map<String, Object> m = new TreeMap<>();
    m.put("model_deployment", r.deployment());
    m.put("temperature", r.temperature());
    m.put("num_completions", r.numCompletions());
    m.put("top_k_per_token", r.topKPerToken());
    m.put("max_tokens", r.maxTokens());
    m.put("stop_sequences", r.stopSequences());
    m.put("echo_prompt", r.echoPrompt());
    if (r.random() != null) {
      m.put("random", r.random());
    }
    if (r.isChat()) {
      List<Map<String, String>> messages = new ArrayList<>();
      for (ChatMessage message : r.messages()) {
        messages.add(Map.of("role", message.role().wireName(), "content", message.content()));
      }
      m.put("messages", messages);
    }
    return m;
  }

  /**
   * Completions with tokens and log-probabilities, HELM's {@code GeneratedOutput} list. Fields
   * beyond HELM's appear only when set: a token's {@code top_logprobs} ({@code {token: logprob}},
   * most likely first, as older HELM versions wrote them), a completion's {@code usage} ({@code
   * {prompt_tokens, completion_tokens}}) and {@code ttft_seconds}.
   */
  public static String completions(List<Completion> completions) {
    ArrayNode array = CANONICAL.createArrayNode();
    for (Completion c : completions) {
      ObjectNode o = array.addObject();
      o.put("text", c.text());
      o.put("logprob", c.logprob());
      ArrayNode tokens = o.putArray("tokens");
      for (Token t : c.tokens()) {
        ObjectNode token = tokens.addObject().put("text", t.text()).put("logprob", t.logprob());
        if (!t.topLogprobs().isEmpty()) {
          ObjectNode top = token.putObject("top_logprobs");
          t.topLogprobs().forEach(top::put);
        }
      }
      if (c.finishReason() != null) {
        o.putObject("finish_reason").put("reason", c.finishReason());
      }
      if (c.usage() != null) {
        o.putObject("usage")
            .put("prompt_tokens", c.usage().promptTokens())
            .put("completion_tokens", c.usage().completionTokens());
      }
      if (c.ttftSeconds() != null) {
        o.put("ttft_seconds", c.ttftSeconds());
      }
    }
    return array.toString();
  }

  /** Parses {@link #completions(List)}'s output, also as written before the optional fields. */
  public static List<Completion> parseCompletions(String json) {
    List<Completion> out = new ArrayList<>();
    for (JsonNode o : read(json)) {
      List<Token> tokens = new ArrayList<>();
      for (JsonNode t : o.path("tokens")) {
        Map<String, Double> top = new LinkedHashMap<>();
        t.path("top_logprobs")
            .properties()
            .forEach(e -> top.put(e.getKey(), e.getValue().asDouble()));
        tokens.add(new Token(t.path("text").asText(), t.path("logprob").asDouble(), top));
      }
      JsonNode reason = o.path("finish_reason").path("reason");
      JsonNode usage = o.path("usage");
      JsonNode ttft = o.path("ttft_seconds");
      out.add(
          new Completion(
              o.path("text").asText(),
              o.path("logprob").asDouble(),
              tokens,
              reason.isTextual() ? reason.asText() : null,
              usage.isObject()
                  ? new Usage(
                      usage.path("prompt_tokens").asInt(), usage.path("completion_tokens").asInt())
                  : null,
              ttft.isNumber() ? ttft.asDouble() : null));
    }
    return out;
  }

  /** HELM's perturbation object, or {@code null}. */
  public static ObjectNode perturbation(PerturbationDescription p) {
    if (p == null) {
      return null;
    }
    ObjectNode o = CANONICAL.createObjectNode();
    o.put("name", p.name());
    o.put("robustness", p.robustness());
    o.put("fairness", p.fairness());
    if (p.computedOn() != null) {
      o.put("computed_on", p.computedOn());
    }
    return o;
  }

  /** Parses {@link #perturbation}'s output; {@code null} in, {@code null} out. */
  public static PerturbationDescription parsePerturbation(String json) {
    if (json == null) {
      return null;
    }
    JsonNode o = read(json);
    return new PerturbationDescription(
        o.path("name").asText(),
        o.path("robustness").asBoolean(),
        o.path("fairness").asBoolean(),
        o.hasNonNull("computed_on") ? o.get("computed_on").asText() : null);
  }

  /** A stat in HELM's {@code stats.json} shape. */
  public static ObjectNode stat(Stat s) {
    return (ObjectNode) read(writeStats(List.of(s), false, false)).get(0);
  }

  /** Stats as a HELM {@code stats.json} array, pretty-printed. */
  public static String stats(List<Stat> stats) {
    return writeStats(stats, true, false);
  }

  /**
   * Stats as stored per instance: HELM's {@code stats.json} array, except for stats holding one
   * value, whose other fields follow from it. Such a stat keyed by name and split only (most
   * per-instance stats) is {@code [name, split, value]}, a third of its object's length; with a
   * sub-split or perturbation it keeps its object with {@code count} and {@code sum} only. {@link
   * #readStats} gives HELM's full form back, and reads what earlier versions stored.
   */
  public static String compactStats(List<Stat> stats) {
    return writeStats(stats, false, true);
  }

  /**
   * Parses {@link #stats} or {@link #compactStats} output into HELM's full {@code stats.json} form,
   * fields in HELM's order.
   */
  public static ArrayNode readStats(String json) {
    ArrayNode full = CANONICAL.createArrayNode();
    for (JsonNode s : read(json)) {
      JsonNode name;
      double v;
      if (s.isArray()) {
        ObjectNode key = CANONICAL.createObjectNode().put("name", s.get(0).asText());
        if (!s.get(1).isNull()) {
          key.put("split", s.get(1).asText());
        }
        name = key;
        v = s.get(2).asDouble();
      } else if (s.has("mean") || s.path("count").asLong() != 1) {
        full.add(s);
        continue;
      } else {
        name = s.get("name");
        v = s.get("sum").asDouble();
      }
      ObjectNode o = full.addObject();
      o.set("name", name);
      o.put("count", 1);
      o.put("sum", v);
      o.put("sum_squared", v * v);
      o.put("min", v);
      o.put("max", v);
      o.put("mean", v);
      o.put("variance", 0.0);
      o.put("stddev", 0.0);
    }
    return full;
  }

  /**
   * Whether every field of {@code s} follows from count 1 and its sum, bit for bit (not so for
   * -0.0, whose sum is 0.0, or for values that are not finite).
   */
  private static boolean single(Stat s) {
    double v = s.sum();
    return s.count() == 1
        && Double.isFinite(v)
        && Double.compare(s.min(), v) == 0
        && Double.compare(s.max(), v) == 0
        && Double.compare(s.sumSquared(), v * v) == 0
        && Double.compare(s.variance(), 0.0) == 0;
  }

  /**
   * Streamed rather than built as a tree: the compact form is written once per instance of every
   * run, so it shows in profiles.
   */
  private static String writeStats(List<Stat> stats, boolean pretty, boolean compactSingles) {
    java.io.StringWriter out = new java.io.StringWriter(64 * stats.size());
    try (com.fasterxml.jackson.core.JsonGenerator g =
        STATS_JSON.getFactory().createGenerator(out)) {
      if (pretty) {
        g.useDefaultPrettyPrinter();
      }
      g.writeStartArray();
      for (Stat s : stats) {
        boolean single = compactSingles && single(s);
        if (single && s.key().subSplit() == null && s.key().perturbation() == null) {
          g.writeStartArray();
          g.writeString(s.key().name());
          g.writeString(s.key().split());
          g.writeNumber(s.sum());
          g.writeEndArray();
          continue;
        }
        g.writeStartObject();
        g.writeObjectFieldStart("name");
        g.writeStringField("name", s.key().name());
        if (s.key().split() != null) {
          g.writeStringField("split", s.key().split());
        }
        if (s.key().subSplit() != null) {
          g.writeStringField("sub_split", s.key().subSplit());
        }
        if (s.key().perturbation() != null) {
          g.writeFieldName("perturbation");
          g.writeTree(perturbation(s.key().perturbation()));
        }
        g.writeEndObject();
        g.writeNumberField("count", s.count());
        g.writeNumberField("sum", s.sum());
        if (!single) {
          g.writeNumberField("sum_squared", s.sumSquared());
          if (s.count() > 0) {
            g.writeNumberField("min", s.min());
            g.writeNumberField("max", s.max());
            g.writeNumberField("mean", s.mean());
            g.writeNumberField("variance", s.variance());
            g.writeNumberField("stddev", s.stddev());
          }
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Serializes with sorted map keys. */
  public static String write(Object value) {
    try {
      return CANONICAL.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON that Prism itself wrote. */
  public static JsonNode read(String json) {
    try {
      return CANONICAL.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes. */
  public static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
