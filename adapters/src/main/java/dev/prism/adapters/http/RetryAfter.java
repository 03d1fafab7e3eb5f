package dev.prism.adapters.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * How long a server asked us to wait, carried to the runner inside the error message of a failed
 * result in one fixed, machine-readable form: the message ends with {@code " retry_after_s=N"},
 * where {@code N} is a whole number of seconds (rounded up, at least 1 when the server asked for
 * any wait). The runner reads it back with {@link #seconds(String)} and waits at least that long
 * before the next attempt.
 *
 * <p>Sources, first match wins: {@code retry-after-ms} (milliseconds; OpenAI, Azure), {@code
 * Retry-After} as delay-seconds or as an HTTP date (RFC 9110 §10.2.3), for a 429 the provider's
 * rate-limit reset headers ({@link #fromRateLimitHeaders}), and, for Gemini's 429 bodies, a {@code
 * google.rpc.RetryInfo} {@code retryDelay} such as {@code "12s"} (passed in by the Gemini adapter).
 */
public final class RetryAfter {
  /** The key in error messages. */
  public static final String KEY = "retry_after_s";

  private static final Pattern IN_MESSAGE = Pattern.compile("(?:^|\\s)" + KEY + "=(\\d+)\\b");
  private static final long MAX_SECONDS = 24 * 3600;

  private RetryAfter() {}

  /** The wait requested in an error message written by an adapter, in seconds, if any. */
  public static OptionalLong seconds(String errorMessage) {
    if (errorMessage == null) {
      return OptionalLong.empty();
    }
    Matcher m = IN_MESSAGE.matcher(errorMessage);
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /** The suffix to append to an error message, e.g. {@code " retry_after_s=12"}. */
  public static String suffix(Duration wait) {
    long s = Math.min(MAX_SECONDS, Math.max(1, (wait.toMillis() + 999) / 1000));
    return " " + KEY + "=" + s;
  }

  /** The wait a response's headers ask for, if any. */
  public static Optional<Duration> fromHeaders(Headers headers, ZonedDateTime now) {
    String ms = headers.get("retry-after-ms");
    if (ms != null) {
      try {
        double v = Double.parseDouble(ms.strip());
        if (v >= 0 && !Double.isInfinite(v)) {
          return Optional.of(Duration.ofMillis((long) Math.ceil(v)));
        }
      } catch (NumberFormatException e) {
        // fall through to Retry-After
      }
    }
    String ra = headers.get("Retry-After");
    if (ra == null || ra.isBlank()) {
      return Optional.empty();
    }
    String v = ra.strip();
    try {
      double secs = Double.parseDouble(v);
      if (secs >= 0 && !Double.isInfinite(secs)) {
        return Optional.of(Duration.ofMillis((long) Math.ceil(secs * 1000)));
      }
      return Optional.empty();
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  /** OpenAI's limits: {@code x-ratelimit-remaining-NAME} and {@code x-ratelimit-reset-NAME}. */
  private static final List<String> OPENAI_LIMITS = List.of("requests", "tokens");

  /** Anthropic's: {@code anthropic-ratelimit-NAME-remaining} and {@code …-reset}. */
  private static final List<String> ANTHROPIC_LIMITS =
      List.of("requests", "tokens", "input-tokens", "output-tokens");

  private static final Pattern GO_DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|us|µs|ns|m|s)");

  /**
   * For a 429 without {@code Retry-After}: the wait that the provider's rate-limit headers imply,
   * the longest reset among the limits whose remaining count is 0 (among all limits when none says
   * so). OpenAI sends {@code x-ratelimit-reset-requests: 6m0s} (a Go duration) with {@code
   * x-ratelimit-remaining-requests}, and the same for tokens; Anthropic sends {@code
   * anthropic-ratelimit-requests-reset} as an RFC 3339 time with {@code …-remaining}.
   */
  public static Optional<Duration> fromRateLimitHeaders(Headers headers, ZonedDateTime now) {
    Duration exhausted = null;
    Duration any = null;
    for (String limit : OPENAI_LIMITS) {
      Optional<Duration> reset = goDuration(headers.get("x-ratelimit-reset-" + limit));
      if (reset.isPresent()) {
        any = longer(any, reset.get());
        if ("0".equals(strip(headers.get("x-ratelimit-remaining-" + limit)))) {
          exhausted = longer(exhausted, reset.get());
        }
      }
    }
    for (String limit : ANTHROPIC_LIMITS) {
      String prefix = "anthropic-ratelimit-" + limit;
      Optional<Duration> reset = instant(headers.get(prefix + "-reset"), now);
      if (reset.isPresent()) {
        any = longer(any, reset.get());
        if ("0".equals(strip(headers.get(prefix + "-remaining")))) {
          exhausted = longer(exhausted, reset.get());
        }
      }
    }
    return Optional.ofNullable(exhausted != null ? exhausted : any);
  }

  private static Duration longer(Duration a, Duration b) {
    return a == null || b.compareTo(a) > 0 ? b : a;
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }

  /** A Go duration such as {@code 1h2m3.5s}, {@code 6m0s} or {@code 20ms}. */
  static Optional<Duration> goDuration(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    Matcher m = GO_DURATION_PART.matcher(text.strip());
    double nanos = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double v = Double.parseDouble(m.group(1));
      nanos +=
          v
              * switch (m.group(2)) {
                case "h" -> 3600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                default -> 1;
              };
      end = m.end();
    }
    return end == 0 || end != text.strip().length()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos((long) Math.ceil(nanos)));
  }

  private static Optional<Duration> instant(String text, ZonedDateTime now) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      Duration d = Duration.between(now, ZonedDateTime.parse(text.strip()));
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Parses a protobuf duration such as {@code "12s"} or {@code "0.5s"}. */
  public static Optional<Duration> fromProtoDuration(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (!t.endsWith("s")) {
      return Optional.empty();
    }
    try {
      double secs = Double.parseDouble(t.substring(0, t.length() - 1));
      return secs < 0 || Double.isInfinite(secs)
          ? Optional.empty()
          : Optional.of(Duration.ofMillis((long) Math.ceil(secs * 1000)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
