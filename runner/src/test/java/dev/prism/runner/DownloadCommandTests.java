package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The missing-data path of a HELM scenario, and loading its data from an offline bundle. */
class DownloadCommandTests {
  @TempDir Path dir;

  @Test
  void missingDataExitsTwoWithTheDownloadCommandAndABundleFixesIt() throws Exception {
    Path fixtures = Path.of("../scenarios/src/test/resources/helm").toAbsolutePath().normalize();
    Path data = dir.resolve("data");
    Cli missing =
        Cli.run(
            "run",
            "helm/mmlu:subject=philosophy,model=simple/random",
            "--data-dir",
            data.toString(),
            "--output",
            dir.resolve("out").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("needs data file").contains("prism download mmlu");
    assertThat(dir.resolve("out")).doesNotExist();

    Path bundle = dir.resolve("mmlu.tar");
    Cli pack =
        Cli.run(
            "download", "mmlu", "--data-dir", fixtures.toString(), "--bundle", bundle.toString());
    assertThat(pack.exit()).as(pack.err()).isZero();
    assertThat(bundle).exists();
    Cli load = Cli.run("download", "--from", bundle.toString(), "--data-dir", data.toString());
    assertThat(load.exit()).as(load.err()).isZero();
    assertThat(Files.isDirectory(data.resolve("mmlu/data/dev"))).isTrue();

    Cli run =
        Cli.run(
            "run",
            "helm/mmlu:subject=philosophy,model=simple/random",
            "--data-dir",
            data.toString(),
            "--output",
            dir.resolve("out").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("helm/mmlu:subject=philosophy");
  }
}
