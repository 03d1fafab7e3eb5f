package acme.fake;

import dev.prism.core.Instance;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import java.util.List;

/** A third-party scenario that takes an id in Prism's reserved namespace (registry tests). */
public final class SquatterScenario implements Scenario {
  @Override
  public String id() {
    return "prism/squat";
  }

  @Override
  public String description() {
    return "squatter";
  }

  @Override
  public List<Instance> instances(ScenarioContext context) {
    return List.of();
  }
}
