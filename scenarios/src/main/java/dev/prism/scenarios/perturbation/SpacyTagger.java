package dev.prism.scenarios.perturbation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.PrismUserException;
import dev.prism.scenarios.perturbation.SynonymPerturbation.TaggedToken;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@link SynonymPerturbation.Tagger} HELM uses, spaCy's {@code en_core_web_sm}, run in one
 * long-lived {@code python3} process (there is no Java spaCy): each text goes in as a JSON line,
 * its tokens (text, universal POS tag, trailing whitespace) come back as one, so {@code synonym}
 * tags exactly as HELM does on a machine with spaCy and the model installed. Without them, {@link
 * #start} fails with a {@link PrismUserException} naming the pip command.
 *
 * <pre>{@code
 * SpacyTagger tagger = SpacyTagger.shared();   // started once per JVM, stopped at exit
 * List<TaggedToken> tokens = tagger.tag("This was a good movie.");
 * }</pre>
 *
 * Thread-safe: calls are answered one at a time. A call that gets no answer within the call timeout
 * stops the process, and every later call fails with the reason.
 */
public final class SpacyTagger implements SynonymPerturbation.Tagger, AutoCloseable {
  /** What to run to install what the tagger needs. */
  public static final String INSTALL =
      "python3 -m pip install spacy && python3 -m spacy download en_core_web_sm";

  /** Loading spaCy and its model takes seconds; a cold disk may take much longer. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /** Tagging one instance's text takes milliseconds; this only catches a hung process. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the reader thread puts on the queue when the process closes its output. */
  private static final String EOF = new String("EOF");

  private static final int STDERR_TAIL = 2000;

  private static SpacyTagger shared;

  private final Process process;
  private final BufferedWriter stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuilder stderr = new StringBuilder();
  private final Duration callTimeout;
  private final String version;
  private String dead;

  private SpacyTagger(Process process, Duration callTimeout, Duration startTimeout) {
    this.process = process;
    this.callTimeout = callTimeout;
    this.stdin =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    daemon("spacy-tagger-out", () -> readLines(process.getInputStream()));
    daemon("spacy-tagger-err", () -> keepTail(process.getErrorStream()));
    JsonNode hello = answer(startTimeout, "load spaCy");
    if (!hello.path("ready").asBoolean()) {
      close();
      throw missing(hello.path("missing").asText(), hello.path("detail").asText());
    }
    this.version = hello.path("spacy").asText();
  }

  /**
   * The tagger for this JVM: {@code python3} from {@code PATH}, started on first use and stopped
   * when the JVM exits.
   *
   * @throws PrismUserException when python3, spaCy or en_core_web_sm is missing
   */
  public static synchronized SpacyTagger shared() {
    if (shared == null || shared.dead != null) {
      SpacyTagger started = start("python3", Map.of(), START_TIMEOUT, CALL_TIMEOUT);
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "spacy-tagger-stop"));
      shared = started;
    }
    return shared;
  }

  /**
   * Starts {@code python} with the bridge script and waits until spaCy has loaded.
   *
   * @param python the Python 3 executable, a name on {@code PATH} or a path
   * @param environment variables to add to the process's environment (e.g. {@code PYTHONPATH})
   * @param startTimeout how long loading spaCy and the model may take
   * @param callTimeout how long one text may take
   * @throws PrismUserException when the executable cannot be started, or spaCy or its model is not
   *     installed for it, naming the command that installs them
   */
  public static SpacyTagger start(
      String python, Map<String, String> environment, Duration startTimeout, Duration callTimeout) {
    ProcessBuilder pb = new ProcessBuilder(python, "-u", "-c", script());
    pb.environment().putAll(environment);
    pb.environment().put("PYTHONIOENCODING", "utf-8");
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new PrismUserException(
          "the synonym perturbation tags words with spaCy in Python, but '"
              + python
              + "' could not be started ("
              + e.getMessage()
              + ")",
          "Install Python 3, then run: " + INSTALL,
          e);
    }
    return new SpacyTagger(process, callTimeout, startTimeout);
  }

  /** The spaCy version the process loaded. */
  public String spacyVersion() {
    return version;
  }

  /**
   * spaCy's tokens of {@code text}; their texts and whitespace rebuild it exactly.
   *
   * @throws IllegalStateException when the process failed, answered with an error, timed out, or
   *     gave tokens that do not rebuild the text
   */
  @Override
  public synchronized List<TaggedToken> tag(String text) {
    if (dead != null) {
      throw new IllegalStateException("the spaCy tagger stopped earlier: " + dead);
    }
    try {
      stdin.write(JSON.writeValueAsString(Map.of("text", text)));
      stdin.write('\n');
      stdin.flush();
    } catch (IOException e) {
      throw fail("it no longer reads its input (" + e.getMessage() + ")");
    }
    JsonNode reply = answer(callTimeout, "tag a text");
    if (reply.has("error")) {
      throw new IllegalStateException(
          "spaCy could not tag the text: " + reply.path("error").asText());
    }
    List<TaggedToken> tokens = new ArrayList<>();
    StringBuilder rebuilt = new StringBuilder(text.length());
    for (JsonNode t : reply.path("tokens")) {
      TaggedToken token =
          new TaggedToken(t.path(0).asText(), t.path(1).asText(), t.path(2).asText());
      tokens.add(token);
      rebuilt.append(token.text()).append(token.whitespace());
    }
    if (!rebuilt.toString().equals(text)) {
      throw new IllegalStateException(
          "spaCy's tokens do not rebuild the text (got '" + rebuilt + "' for '" + text + "')");
    }
    return tokens;
  }

  /** Stops the process (closing its input ends the script; it is killed if it lingers). */
  @Override
  public synchronized void close() {
    if (dead == null) {
      dead = "closed";
    }
    try {
      stdin.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private JsonNode answer(Duration timeout, String what) {
    String line;
    try {
      line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail("interrupted while waiting for it to " + what);
    }
    if (line == null) {
      throw fail("it did not " + what + " within " + timeout.toSeconds() + " s");
    }
    if (line == EOF) {
      throw fail("it exited" + stderrTail());
    }
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw fail("it printed something other than JSON: '" + line + "'" + stderrTail());
    }
  }

  private IllegalStateException fail(String why) {
    dead = why;
    process.destroyForcibly();
    return new IllegalStateException("the spaCy tagger (python3) failed: " + why);
  }

  private PrismUserException missing(String what, String detail) {
    boolean model = what.equals("en_core_web_sm");
    return new PrismUserException(
        "the synonym perturbation tags words with spaCy's en_core_web_sm, as HELM does, but "
            + (model
                ? "the model is not installed for this Python"
                : "spaCy is not installed for this Python")
            + " ("
            + detail
            + ")",
        "Run: " + (model ? "python3 -m spacy download en_core_web_sm" : INSTALL));
  }

  private String stderrTail() {
    synchronized (stderr) {
      return stderr.length() == 0 ? "" : "; its error output ends: " + stderr.toString().strip();
    }
  }

  private void readLines(InputStream out) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the process is gone; EOF below says so
    }
    lines.add(EOF);
  }

  private void keepTail(InputStream err) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        synchronized (stderr) {
          stderr.append(line).append('\n');
          if (stderr.length() > STDERR_TAIL) {
            stderr.delete(0, stderr.length() - STDERR_TAIL);
          }
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  private static void daemon(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    t.start();
  }

  private static String script() {
    try (InputStream in = SpacyTagger.class.getResourceAsStream("spacy_tagger.py")) {
      return new String(
          Objects.requireNonNull(in, "spacy_tagger.py").readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
