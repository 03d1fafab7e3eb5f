package dev.prism.adapters.jlama;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes a tiny LLaMA model with random weights in Hugging Face's layout (config.json, a BPE
 * tokenizer.json with byte fallback, model.safetensors in F32): real files through Jlama's real
 * loading, tokenizing and forward pass, but gibberish output. The output head is zero for the
 * special and byte tokens, so greedy decoding picks letters, a space or a merged pair, and never
 * ends early at {@code </s>}.
 */
final class TinyLlama {
  static final int HIDDEN = 64;
  static final int LAYERS = 2;
  static final int HEADS = 4;
  static final int INTERMEDIATE = 128;
  static final int CONTEXT = 128;

  /** Ids 0 to 2 are special, 3 to 258 the bytes, the rest letters, a space and merged pairs. */
  static final int FIRST_TEXT_TOKEN = 259;

  private static final List<String> MERGES =
      List.of("th", "he", "in", "er", "an", "on", "at", "en");
  private static final ObjectMapper JSON = new ObjectMapper();

  private TinyLlama() {}

  /** Writes the model into {@code dir}; the same seed writes the same weights. */
  static Path write(Path dir, long seed) throws IOException {
    Files.createDirectories(dir);
    List<String> vocab = vocabulary();
    Files.writeString(dir.resolve("config.json"), config(vocab.size()));
    Files.writeString(dir.resolve("tokenizer.json"), tokenizer(vocab));
    writeSafetensors(dir.resolve("model.safetensors"), tensors(vocab.size(), new Random(seed)));
    return dir;
  }

  static List<String> vocabulary() {
    List<String> v = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
    for (int b = 0; b < 256; b++) {
      v.add(String.format(Locale.ROOT, "<0x%02X>", b));
    }
    for (char c = 'a'; c <= 'z'; c++) {
      v.add(String.valueOf(c));
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      v.add(String.valueOf(c));
    }
    v.add(" ");
    v.addAll(MERGES);
    return v;
  }

  private static String config(int vocabSize) throws IOException {
    ObjectNode c = JSON.createObjectNode();
    c.putArray("architectures").add("LlamaForCausalLM");
    c.put("model_type", "llama");
    c.put("hidden_size", HIDDEN);
    c.put("intermediate_size", INTERMEDIATE);
    c.put("num_attention_heads", HEADS);
    c.put("num_key_value_heads", HEADS);
    c.put("num_hidden_layers", LAYERS);
    c.put("max_position_embeddings", CONTEXT);
    c.put("rms_norm_eps", 1e-5);
    c.put("vocab_size", vocabSize);
    c.put("bos_token_id", 1);
    c.put("eos_token_id", 2);
    c.put("hidden_act", "silu");
    c.put("rope_theta", 10000.0);
    c.put("tie_word_embeddings", false);
    c.put("torch_dtype", "float32");
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c);
  }

  private static String tokenizer(List<String> vocab) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    ArrayNode added = root.putArray("added_tokens");
    for (int id = 0; id < 3; id++) {
      added
          .addObject()
          .put("id", id)
          .put("content", vocab.get(id))
          .put("single_word", false)
          .put("lstrip", false)
          .put("rstrip", false)
          .put("normalized", false)
          .put("special", true);
    }
    root.putNull("normalizer");
    root.putNull("pre_tokenizer");
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.put("unk_token", "<unk>");
    model.put("fuse_unk", true);
    model.put("byte_fallback", true);
    model.put("ignore_merges", false);
    ObjectNode v = model.putObject("vocab");
    for (int id = 0; id < vocab.size(); id++) {
      v.put(vocab.get(id), id);
    }
    ArrayNode merges = model.putArray("merges");
    MERGES.forEach(m -> merges.add(m.charAt(0) + " " + m.charAt(1)));
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private record Tensor(int[] shape, float[] data) {}

  private static Map<String, Tensor> tensors(int vocabSize, Random random) {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("model.embed_tokens.weight", gaussian(random, 1.0, vocabSize, HIDDEN));
    for (int l = 0; l < LAYERS; l++) {
      String p = "model.layers." + l + ".";
      for (String proj : List.of("q_proj", "k_proj", "v_proj", "o_proj")) {
        t.put(p + "self_attn." + proj + ".weight", gaussian(random, 0.15, HIDDEN, HIDDEN));
      }
      t.put(p + "mlp.gate_proj.weight", gaussian(random, 0.15, INTERMEDIATE, HIDDEN));
      t.put(p + "mlp.up_proj.weight", gaussian(random, 0.15, INTERMEDIATE, HIDDEN));
      t.put(p + "mlp.down_proj.weight", gaussian(random, 0.1, HIDDEN, INTERMEDIATE));
      t.put(p + "input_layernorm.weight", ones(HIDDEN));
      t.put(p + "post_attention_layernorm.weight", ones(HIDDEN));
    }
    t.put("model.norm.weight", ones(HIDDEN));
    Tensor head = gaussian(random, 0.5, vocabSize, HIDDEN);
    java.util.Arrays.fill(head.data(), 0, FIRST_TEXT_TOKEN * HIDDEN, 0f);
    t.put("lm_head.weight", head);
    return t;
  }

  private static Tensor gaussian(Random random, double std, int rows, int cols) {
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (random.nextGaussian() * std);
    }
    return new Tensor(new int[] {rows, cols}, d);
  }

  private static Tensor ones(int n) {
    float[] d = new float[n];
    java.util.Arrays.fill(d, 1f);
    return new Tensor(new int[] {n}, d);
  }

  /** Safetensors: an 8-byte little-endian header length, a JSON header, then the raw data. */
  private static void writeSafetensors(Path file, Map<String, Tensor> tensors) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    header.putObject("__metadata__").put("format", "pt");
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      ObjectNode info = header.putObject(e.getKey());
      info.put("dtype", "F32");
      ArrayNode shape = info.putArray("shape");
      for (int s : e.getValue().shape()) {
        shape.add(s);
      }
      long end = offset + 4L * e.getValue().data().length;
      info.putArray("data_offsets").add(offset).add(end);
      offset = end;
    }
    StringBuilder json = new StringBuilder(JSON.writeValueAsString(header));
    while (json.length() % 8 != 0) {
      json.append(' ');
    }
    byte[] headerBytes = json.toString().getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(
          ByteBuffer.allocate(8)
              .order(ByteOrder.LITTLE_ENDIAN)
              .putLong(headerBytes.length)
              .array());
      out.write(headerBytes);
      for (Tensor t : tensors.values()) {
        ByteBuffer b = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(t.data());
        out.write(b.array());
      }
    }
  }
}
