package dev.prism.adapters.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
 * Retry-After} as delay-seconds or as an HTTP date (RFC 9110 §10.2.3), and, for Gemini's 429
 * bodies, a {@code google.rpc.RetryInfo} {@code retryDelay} such as {@code "12s"} (passed in by the
 * Gemini adapter).
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
