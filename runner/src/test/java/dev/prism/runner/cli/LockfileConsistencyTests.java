package dev.prism.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.scenarios.helm.DataFile;
import dev.prism.scenarios.helm.DataLock;
import dev.prism.scenarios.helm.DataRequirements;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped lockfile pins only files Prism downloads, from the URLs it downloads them from. */
class LockfileConsistencyTests {
  @Test
  void everyEntryIsAFileThatPrismDownloadsFromTheSameUrl() {
    Map<String, DataFile> files = new HashMap<>();
    Map<String, DataRequirements> known =
        DownloadCommand.known(
            Registries.load(new PrintWriter(new StringWriter()), new PluginOptions()));
    known.forEach((name, req) -> req.dataFiles().forEach(f -> files.put(DataLock.key(name, f), f)));
    assertThat(DataLock.bundled().entries()).isNotEmpty();
    for (DataLock.Entry e : DataLock.bundled().entries()) {
      DataFile f = files.get(e.key());
      assertThat(f).as("a scenario lists %s", e.key()).isNotNull();
      assertThat(e.url()).as("URL of %s (re-pin after changing it)", e.key()).isEqualTo(f.url());
      assertThat(e.unpacked() != null)
          .as("%s has unpacked= exactly when it is an archive", e.key())
          .isEqualTo(f.archive() != DataFile.Archive.NONE);
    }
  }
}
