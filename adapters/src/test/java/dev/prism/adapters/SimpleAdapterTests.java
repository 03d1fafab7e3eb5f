package dev.prism.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Deployment;
import dev.prism.core.Instance;
import dev.prism.core.ModelClient;
import dev.prism.core.PrismUserException;
import dev.prism.core.Reference;
import dev.prism.core.Request;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimpleAdapterTests {
  private final AdapterRegistry registry = AdapterRegistry.load();
  private final DeploymentCatalog catalog = DeploymentCatalog.builtIn();

  private static RequestState state(String input, Map<String, String> mapping, int n) {
    Instance i = Instance.of("id0", input, List.of(Reference.correct("x")), Split.TEST);
    Request r = new Request("simple/x", "prompt " + input, 0, n, 1, 10, List.of(), false, null);
    return new RequestState(i, 0, null, null, r, mapping, 0, false);
  }

  private RequestResult call(String deployment, RequestState s) throws InterruptedException {
    try (ModelClient c = registry.connect(catalog.resolve(deployment))) {
      return c.complete(s);
    }
  }

  @Test
  void registryFindsBothOfflineAdapters() {
    assertThat(registry.all()).extracting(a -> a.kind()).contains("replay", "simple");
    assertThat(registry.problems()).isEmpty();
    assertThat(catalog.all())
        .extracting(Deployment::name)
        .contains("simple/calculator", "simple/echo", "simple/random");
  }

  @Test
  void calculatorEvaluatesTheLastExpression() throws InterruptedException {
    assertThat(
            call("simple/calculator", state("What is 12 plus 30?", Map.of(), 1))
                .completions()
                .get(0)
                .text())
        .isEqualTo("42");
    assertThat(
            call("simple/calculator", state("Compute 7 * -6 =", Map.of(), 1))
                .completions()
                .get(0)
                .text())
        .isEqualTo("-42");
  }

  @Test
  void echoRepeatsLastInputLineOncePerCompletion() throws InterruptedException {
    RequestResult r = call("simple/echo", state("first\nsecond line", Map.of(), 3));
    assertThat(r.completions()).hasSize(3);
    assertThat(r.completions().get(0).text()).isEqualTo("second line");
  }

  @Test
  void randomIsDeterministicAndPicksAnOption() throws InterruptedException {
    Map<String, String> mapping = Map.of("A", "x", "B", "y", "C", "z", "D", "w");
    RequestResult a = call("simple/random", state("q1", mapping, 1));
    RequestResult b = call("simple/random", state("q1", mapping, 1));
    assertThat(a.completions()).isEqualTo(b.completions());
    assertThat(mapping).containsKey(a.completions().get(0).text());
    assertThat(a.completions().get(0).logprob()).isEqualTo(Math.log(0.25));
  }

  @Test
  void unknownDeploymentSuggestsCloseNames() {
    assertThatThrownBy(() -> catalog.resolve("simple/calculater"))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("unknown model deployment 'simple/calculater'")
        .satisfies(e -> assertThat(((PrismUserException) e).hint()).contains("simple/calculator"));
  }
}
