package dev.prism.scenarios;

import dev.prism.core.Instance;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import java.util.List;

/**
 * Misbehaving and competing providers for {@link ScenarioRegistryTests}. They are registered only
 * through a test class loader, never in {@code META-INF/services}, so the contract test does not
 * see them.
 */
final class FakeScenarios {
  private FakeScenarios() {}

  /** Base with a fixed id. */
  abstract static class Fixed implements Scenario {
    private final String id;

    Fixed(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String description() {
      return "fake " + id;
    }

    @Override
    public List<Instance> instances(ScenarioContext context) {
      return List.of();
    }
  }

  /** Shares the short name {@code arithmetic} with the built-in. */
  public static final class OtherArithmetic extends Fixed {
    public OtherArithmetic() {
      super("acme/arithmetic");
    }
  }

  /** Takes the built-in's id. */
  public static final class DuplicateArithmetic extends Fixed {
    public DuplicateArithmetic() {
      super("prism/arithmetic");
    }
  }

  /** Has no usable id. */
  public static final class Blank extends Fixed {
    public Blank() {
      super(" ");
    }
  }

  /** Cannot be instantiated. */
  public static final class Broken extends Fixed {
    public Broken() {
      super("acme/broken");
      throw new IllegalStateException("boom");
    }
  }
}
