package dev.prism.adapters.simple;

import dev.prism.core.Completion;
import dev.prism.core.RequestState;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/** The rules behind {@link SimpleAdapter}'s models. Pure functions of the request state. */
final class SimpleModels {
  private static final Pattern EXPRESSION =
      Pattern.compile(
          "(-?\\d+)\\s*(\\+|-|\\*|×|x|/|÷|plus|minus|times|multiplied by|divided by)\\s*(-?\\d+)");

  private SimpleModels() {}

  static Completion echo(RequestState state) {
    String[] lines = state.instance().input().strip().split("\n");
    return SimpleAdapter.single(lines[lines.length - 1].strip(), 1.0);
  }

  static Completion random(RequestState state) {
    Random rng = new Random(seed(state.request().prompt()));
    List<String> options = new ArrayList<>(state.outputMapping().keySet());
    if (options.isEmpty()) {
      options = new ArrayList<>(List.of(state.instance().input().strip().split("\\s+")));
    }
    options.sort(null);
    return SimpleAdapter.single(options.get(rng.nextInt(options.size())), 1.0 / options.size());
  }

  static Completion calculator(RequestState state) {
    if (!state.outputMapping().isEmpty()) {
      return SimpleAdapter.single("A", 1.0 / state.outputMapping().size());
    }
    Matcher m = EXPRESSION.matcher(state.instance().input());
    String answer = null;
    while (m.find()) {
      answer = evaluate(m.group(1), m.group(2), m.group(3));
    }
    return SimpleAdapter.single(answer == null ? "" : answer, answer == null ? 0.01 : 1.0);
  }

  private static String evaluate(String left, String op, String right) {
    BigInteger a = new BigInteger(left);
    BigInteger b = new BigInteger(right);
    switch (op) {
      case "+":
      case "plus":
        return a.add(b).toString();
      case "-":
      case "minus":
        return a.subtract(b).toString();
      case "/":
      case "÷":
      case "divided by":
        return b.signum() == 0 ? null : a.divide(b).toString();
      default:
        return a.multiply(b).toString();
    }
  }

  private static long seed(String prompt) {
    CRC32 crc = new CRC32();
    crc.update(prompt.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }
}
