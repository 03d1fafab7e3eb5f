package dev.prism.scenarios.perturbation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Word lists shipped inside the jar (HELM keeps them in its source tree). */
final class BundledData {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BundledData() {}

  /** HELM's {@code CONTRACTION_MAP}, contraction → expansion, in HELM's order. */
  static final Map<String, String> CONTRACTION_MAP =
      readResource("contraction_map.json", new TypeReference<LinkedHashMap<String, String>>() {});

  /** HELM's gender word lists: mode → list of (neutral, female, male) triples, in HELM's order. */
  static final Map<String, List<List<String>>> GENDER_WORD_LISTS =
      readResource(
          "gender_word_lists.json",
          new TypeReference<LinkedHashMap<String, List<List<String>>>>() {});

  private static <T> T readResource(String name, TypeReference<T> type) {
    try (InputStream in = BundledData.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the jar");
      }
      T value = JSON.readValue(in, type);
      if (value instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked") // the TypeReference above fixes the map's type
        T unmodifiable = (T) Collections.unmodifiableMap(map);
        return unmodifiable;
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }
}
