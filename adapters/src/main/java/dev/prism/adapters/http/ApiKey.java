package dev.prism.adapters.http;

import dev.prism.core.Deployment;
import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * An API key read from an environment variable or a key file. It never prints: {@link #toString()}
 * names only the variable, and {@link #redact(String)} removes the key (and the masked forms
 * providers echo, such as {@code sk-abc***xyz}) from any text before it goes into a result or a
 * log.
 */
public final class ApiKey {
  private static final Pattern KEY_LIKE =
      Pattern.compile("\\b(sk|pk|rk|key|AIza)[-_A-Za-z0-9*.]{6,}", Pattern.CASE_INSENSITIVE);
  private final String variable;
  private final String value;

  private ApiKey(String variable, String value) {
    this.variable = variable;
    this.value = value;
  }

  /**
   * Reads the key from {@code variable}.
   *
   * @param env the environment, e.g. {@code System::getenv}
   * @throws PrismUserException when the variable is unset or blank, naming it (never a value)
   */
  public static ApiKey fromEnv(Deployment d, String variable, UnaryOperator<String> env) {
    Objects.requireNonNull(variable, "variable");
    String v = env.apply(variable);
    if (v == null || v.isBlank()) {
      throw new PrismUserException(
          "deployment '" + d.name() + "' needs an API key in environment variable " + variable,
          "Export " + variable + " (or set api_key_env to the variable that holds the key)");
    }
    return new ApiKey(variable, v.strip());
  }

  /**
   * Reads the key from a file holding only the key (surrounding whitespace ignored).
   *
   * @throws PrismUserException when the file is missing, unreadable or blank, naming the file
   *     (never its content)
   */
  public static ApiKey fromFile(Deployment d, Path file) {
    String where = "deployment '" + d.name() + "': api_key_file " + file;
    String v;
    try {
      v = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new PrismUserException(where + " does not exist", "Write the key into that file");
    } catch (IOException | UncheckedIOException e) {
      throw new PrismUserException(
          where + " cannot be read (" + e.getClass().getSimpleName() + ")",
          "Check the file's permissions; it must hold only the key, as UTF-8 text");
    }
    if (v.isEmpty()) {
      throw new PrismUserException(where + " is empty", "Write the key into that file");
    }
    if (v.contains("\n")) {
      throw new PrismUserException(
          where + " holds more than one line", "The file must hold only the key");
    }
    return new ApiKey("file " + file, v);
  }

  /** The key, for the one request header that carries it. */
  public String reveal() {
    return value;
  }

  /** Where the key came from: the environment variable's name, or {@code file PATH}. */
  public String variable() {
    return variable;
  }

  /** {@code text} without this key or anything that looks like a key; {@code null} stays null. */
  public String redact(String text) {
    return redactAny(text, value);
  }

  /** {@code text} without {@code key} (if non-null) or anything that looks like a key. */
  public static String redactAny(String text, String key) {
    if (text == null) {
      return null;
    }
    String out = text;
    if (key != null && !key.isEmpty()) {
      out = out.replace(key, "[redacted]");
    }
    return KEY_LIKE.matcher(out).replaceAll("[redacted]");
  }

  @Override
  public String toString() {
    return "ApiKey[" + variable + "]";
  }
}
