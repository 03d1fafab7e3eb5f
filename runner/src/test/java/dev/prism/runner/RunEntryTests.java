package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.PrismUserException;
import dev.prism.runner.spec.RunEntry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunEntryTests {
  @Test
  void parsesHelmSyntax() {
    RunEntry e = RunEntry.parse("mmlu:subject=anatomy,model=openai/gpt-4o-mini");
    assertThat(e.scenario()).isEqualTo("mmlu");
    assertThat(e.args())
        .containsExactly(Map.entry("subject", "anatomy"), Map.entry("model", "openai/gpt-4o-mini"));
    assertThat(RunEntry.parse("prism/arithmetic").args()).isEmpty();
  }

  @Test
  void rejectsMalformedArguments() {
    assertThatThrownBy(() -> RunEntry.parse("mmlu:subject"))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("not key=value");
    assertThatThrownBy(() -> RunEntry.parse("mmlu:model=a/b,model=c/d"))
        .hasMessageContaining("sets 'model' twice");
    assertThatThrownBy(() -> RunEntry.parse(":model=a/b")).hasMessageContaining("no scenario");
  }
}
