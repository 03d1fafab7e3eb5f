package dev.prism.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginOptionsTests {
  @Test
  void explicitFoldersWinOverTheEnvironment() {
    PluginOptions options = new PluginOptions();
    options.plugins = List.of(Path.of("a"), Path.of("b"));
    assertThat(options.folders(Map.of(PluginOptions.ENV, "c")))
        .containsExactly(Path.of("a"), Path.of("b"));
  }

  @Test
  void environmentListsFoldersSeparatedLikePath() {
    PluginOptions options = new PluginOptions();
    String value = "one" + File.pathSeparator + File.pathSeparator + " two ";
    assertThat(options.folders(Map.of(PluginOptions.ENV, value)))
        .containsExactly(Path.of("one"), Path.of("two"));
  }

  @Test
  void withoutEitherThePluginsFolderIsUsedOnlyWhenItExists() {
    PluginOptions options = new PluginOptions();
    // Tests run in the runner module's folder, which has no plugins folder.
    assertThat(Files.isDirectory(PluginOptions.DEFAULT_FOLDER)).isFalse();
    assertThat(options.folders(Map.of())).isEmpty();
    assertThat(options.folders(Map.of(PluginOptions.ENV, " "))).isEmpty();
  }
}
