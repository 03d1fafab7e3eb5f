package dev.prism.metrics;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ScoreCache#inMemory()}: entries live as long as the instance. Thread-safe. */
final class InMemoryScoreCache implements ScoreCache {
  private record Key(String scorerKey, String textSha256) {}

  private final Map<Key, String> entries = new ConcurrentHashMap<>();

  @Override
  public Map<String, String> getAll(String scorerKey, Collection<String> textSha256s) {
    Map<String, String> found = new HashMap<>();
    for (String hash : textSha256s) {
      String value = entries.get(new Key(scorerKey, hash));
      if (value != null) {
        found.put(hash, value);
      }
    }
    return found;
  }

  @Override
  public void putAll(String scorerKey, Map<String, String> valuesByTextSha256) {
    valuesByTextSha256.forEach((hash, value) -> entries.put(new Key(scorerKey, hash), value));
  }
}
