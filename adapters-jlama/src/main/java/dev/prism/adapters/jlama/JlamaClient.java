package dev.prism.adapters.jlama;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.safetensors.Config;
import com.github.tjake.jlama.safetensors.prompt.PromptContext;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;
import dev.prism.adapters.http.Truncation;
import dev.prism.core.Completion;
import dev.prism.core.Deployment;
import dev.prism.core.ErrorKind;
import dev.prism.core.ModelClient;
import dev.prism.core.Request;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Token;
import dev.prism.core.Usage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Generates with our own decoding loop over Jlama's forward pass, rather than Jlama's {@code
 * generate}, because that one returns no log-probabilities and samples with an unseeded random
 * source. One request at a time: Jlama's tokenizer decodes with shared state and each forward pass
 * already uses every core.
 */
final class JlamaClient implements ModelClient {
  private final String who;
  private final AbstractModel model;
  private final Config config;
  private final KvBufferCache kvCache;
  private final TokenText tokens;
  private final long seed;
  private final int contextWindow;

  JlamaClient(Deployment deployment, String who, AbstractModel model, long seed) {
    this.who = who;
    this.model = model;
    this.config = model.getConfig();
    this.kvCache = new KvBufferCache(model);
    this.tokens = new TokenText(model.getTokenizer());
    this.seed = seed;
    this.contextWindow = Math.min(deployment.contextWindow(), config.contextLength);
  }

  @Override
  public synchronized RequestResult complete(RequestState state) throws InterruptedException {
    Request r = state.request();
    long start = System.nanoTime();
    int[] prompt = model.encodePrompt(PromptContext.of(r.prompt()));
    if (prompt.length + r.maxTokens() > contextWindow) {
      return RequestResult.failure(
          ErrorKind.INVALID_REQUEST,
          who
              + ": prompt of "
              + prompt.length
              + " tokens plus max_tokens "
              + r.maxTokens()
              + " exceeds the context window of "
              + contextWindow
              + " tokens",
          seconds(start));
    }
    try {
      List<Completion> out = new ArrayList<>();
      for (int n = 0; n < Math.max(1, r.numCompletions()); n++) {
        Completion c = generate(r, prompt, new Random(seedFor(r, n)));
        // Each completion is a separate pass over the prompt, so each carries its own usage.
        out.add(c);
      }
      return RequestResult.success(out, seconds(start));
    } catch (RuntimeException e) {
      return RequestResult.failure(ErrorKind.FATAL, who + ": Jlama failed: " + e, seconds(start));
    }
  }

  /** Equal requests draw equal samples, so results stay cacheable at any temperature. */
  private long seedFor(Request r, int n) {
    long s = seed;
    s = s * 1_000_003L + r.prompt().hashCode();
    s = s * 1_000_003L + (r.random() == null ? 0 : r.random().hashCode());
    return s * 1_000_003L + n;
  }

  private Completion generate(Request r, int[] prompt, Random random) throws InterruptedException {
    try (KvBufferCache.KvBuffer kv = kvCache.getEphemeralKvBuffer();
        AbstractTensor<?, ?> logits = model.makeDenseTensor(config.vocabularySize)) {
      List<Token> echoed = new ArrayList<>();
      AbstractTensor<?, ?> last;
      if (r.echoPrompt()) {
        last = echoPrompt(prompt, kv, logits, echoed);
      } else {
        AbstractTensor<?, ?> all = model.batchForward(prompt, 0, kv);
        last = all.slice(all.shape().first() - 1);
      }
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      List<Token> generated = new ArrayList<>();
      String finish = "length";
      int pos = prompt.length;
      for (int i = 0; i < r.maxTokens(); i++) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        LogSoftmax dist = distribution(last, logits);
        last.close();
        last = null;
        int next =
            r.temperature() <= 0
                ? dist.argmax()
                : dist.sample(r.temperature(), random.nextDouble());
        if (config.eosTokens.contains(next)) {
          finish = "endoftext";
          break;
        }
        text.writeBytes(tokens.bytes(next));
        generated.add(token(dist, next, r.topKPerToken()));
        if (containsStop(text.toString(StandardCharsets.UTF_8), r.stopSequences())) {
          finish = "stop";
          break;
        }
        if (i + 1 < r.maxTokens()) {
          last = model.forward(next, pos++, kv, Optional.empty());
        }
      }
      if (last != null) {
        last.close();
      }
      Completion c =
          Truncation.atStops(
              new Completion(
                  text.toString(StandardCharsets.UTF_8),
                  sum(generated),
                  generated,
                  finish,
                  new Usage(prompt.length, generated.size()),
                  null),
              r.stopSequences());
      if (!r.echoPrompt()) {
        return c;
      }
      List<Token> all = new ArrayList<>(echoed);
      all.addAll(c.tokens());
      return new Completion(
          r.prompt() + c.text(), sum(all), all, c.finishReason(), c.usage(), null);
    }
  }

  /**
   * Runs the prompt one token at a time, recording each prompt token's log-probability given the
   * tokens before it (HELM's echo). A leading BOS token is context only; without one, the first
   * token has no context and gets log-probability 0. Returns the last position's output.
   */
  private AbstractTensor<?, ?> echoPrompt(
      int[] prompt, KvBufferCache.KvBuffer kv, AbstractTensor<?, ?> logits, List<Token> echoed) {
    int first = prompt.length > 0 && prompt[0] == config.bosToken ? 1 : 0;
    if (first == 0 && prompt.length > 0) {
      echoed.add(new Token(tokens.text(prompt[0]), 0.0));
    }
    AbstractTensor<?, ?> last = null;
    for (int i = 0; i < prompt.length; i++) {
      if (last != null) {
        last.close();
      }
      last = model.forward(prompt[i], i, kv, Optional.empty());
      if (i + 1 < prompt.length) {
        LogSoftmax dist = distribution(last, logits);
        echoed.add(new Token(tokens.text(prompt[i + 1]), dist.logprob(prompt[i + 1])));
      }
    }
    return last;
  }

  /**
   * The log-softmax of the logits at {@code output}. Jlama's {@code sample} at temperature 0 leaves
   * the raw logits (after the model's own scaling and soft-capping) in {@code logits}.
   */
  private LogSoftmax distribution(AbstractTensor<?, ?> output, AbstractTensor<?, ?> logits) {
    model.sample(output, 0f, 0f, logits);
    float[] values = new float[config.vocabularySize];
    for (int i = 0; i < values.length; i++) {
      values[i] = logits.get(0, i);
    }
    return LogSoftmax.of(values);
  }

  private Token token(LogSoftmax dist, int id, int topK) {
    Map<String, Double> top = dist.top(topK, tokens::text);
    return new Token(tokens.text(id), dist.logprob(id), top);
  }

  private static boolean containsStop(String text, List<String> stops) {
    for (String s : stops) {
      if (!s.isEmpty() && text.contains(s)) {
        return true;
      }
    }
    return false;
  }

  private static double sum(List<Token> tokens) {
    double s = 0;
    for (Token t : tokens) {
      s += t.logprob();
    }
    return s;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public synchronized void close() {
    kvCache.close();
    model.close();
  }

  @Override
  public String toString() {
    return "JlamaClient[" + who + "]";
  }
}
