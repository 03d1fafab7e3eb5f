package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLockTests {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  @Test
  void theShippedLockfileIsInItsCanonicalFormAndPinsWhatIsKnown() throws IOException {
    String text;
    try (InputStream in = DataLock.class.getResourceAsStream(DataLock.RESOURCE)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    DataLock lock = DataLock.bundled();
    assertThat(lock.format()).as("what --update-lock would write").isEqualTo(text);
    assertThat(lock.entries())
        .extracting(DataLock.Entry::key)
        .containsExactly(
            "bias_word_lists/bias_word_lists.py",
            "efficiency_tables/inference_denoised_runtimes.json",
            "efficiency_tables/inference_idealized_runtimes.json",
            "efficiency_tables/training_efficiency.json",
            "perturbations/misspellings/correct_to_misspelling.json");
    assertThat(lock.entry("bias_word_lists/bias_word_lists.py").sha256())
        .isEqualTo("7b293ac1ed89e125bc65a67141458b07b61aa67f76b8ce5309e921141e6f83e5");
  }

  @Test
  void parsesFormatsAndEditsEntriesInKeyOrder() {
    DataLock lock =
        DataLock.parse(
            "# comment\n\nmmlu/data "
                + A
                + " 10 https://x/data.tar unpacked="
                + B
                + "\nboolq/dev.jsonl "
                + B
                + " 3 https://y/dev.jsonl\n",
            "t.lock");
    assertThat(lock.entries())
        .extracting(DataLock.Entry::key)
        .containsExactly("boolq/dev.jsonl", "mmlu/data");
    DataLock.Entry mmlu = lock.entry("mmlu/data");
    assertThat(mmlu).isEqualTo(new DataLock.Entry("mmlu/data", A, 10, "https://x/data.tar", B));
    assertThat(mmlu.dataName()).isEqualTo("mmlu");
    assertThat(lock.entry("mmlu/other")).isNull();
    assertThat(lock.format())
        .startsWith("# Prism data lockfile")
        .endsWith(
            "boolq/dev.jsonl "
                + B
                + " 3 https://y/dev.jsonl\nmmlu/data "
                + A
                + " 10 https://x/data.tar unpacked="
                + B
                + "\n");
    assertThat(DataLock.parse(lock.format(), "again").entries()).isEqualTo(lock.entries());

    DataLock edited =
        lock.with(new DataLock.Entry("mmlu2/x", A, 1, "u", null))
            .with(new DataLock.Entry("mmlu/data", B, 11, "https://x/data.tar", null))
            .without("boolq/dev.jsonl");
    assertThat(edited.entries("mmlu")).extracting(DataLock.Entry::sha256).containsExactly(B);
    assertThat(edited.entries("boolq")).isEmpty();
    assertThat(lock.entries()).hasSize(2);
  }

  @Test
  void malformedLinesNameFileAndLine() {
    assertThatThrownBy(() -> DataLock.parse("# x\nmmlu/a " + A + " 1\n", "d.lock"))
        .isInstanceOf(PrismUserException.class)
        .hasMessageStartingWith("lockfile d.lock:2: expected '<dataName>/<path> <sha256>");
    assertThatThrownBy(() -> DataLock.parse("mmlu/a ABC 1 u\n", "d.lock"))
        .hasMessageContaining("d.lock:1: SHA-256 must be 64 lower-case hex digits");
    assertThatThrownBy(() -> DataLock.parse("mmlu/a " + A + " ten u\n", "d.lock"))
        .hasMessageContaining("d.lock:1:");
    assertThatThrownBy(
            () -> DataLock.parse("mmlu/a " + A + " 1 u\nmmlu/a " + B + " 1 u\n", "d.lock"))
        .hasMessageContaining("d.lock:2: 'mmlu/a' is listed twice");
    assertThatThrownBy(() -> DataLock.parse("a " + A + " 1 u\n", "d.lock"))
        .hasMessageContaining("d.lock:1: bad key 'a'");
  }

  @Test
  void hashesMatchCoreutils() throws IOException {
    // printf '1\n' > one.txt; printf '2\n' > sub/two.txt
    // find . -type f | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum | sha256sum
    assertThat(
            DataLock.treeSha256(
                Map.of(
                    "sub/two.txt",
                    "53c234e5e8472b6ac51c1ae1cab3fe06fad053beb8ebfd8977b010655bfdd3c3",
                    "one.txt",
                    "4355a46b19d348dc2f57c046f8ef63d4538ebb936000f3c9ee954a27460dd865")))
        .isEqualTo("108ab84ae9b1e09fff7b629ad002208f697973e16ebd9100dc580a9ac0817997");
  }

  @Test
  void sha256OfAFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("x");
    Files.writeString(f, "abc");
    assertThat(DataLock.sha256(f))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void writesThroughATemporaryFileAndFindsTheCheckoutsLockfile(@TempDir Path dir)
      throws IOException {
    Path repoLock = dir.resolve(DataLock.REPO_PATH);
    DataLock lock = DataLock.empty().with(new DataLock.Entry("d/f", A, 1, "u", null));
    lock.write(repoLock);
    assertThat(DataLock.read(repoLock).entries()).isEqualTo(lock.entries());
    assertThat(repoLock.getParent().toFile().list()).containsExactly("data.lock");
    Path deep = Files.createDirectories(dir.resolve("runner/src"));
    assertThat(DataLock.findInCheckout(deep)).isEqualTo(repoLock);
    assertThat(DataLock.findInCheckout(Path.of("/"))).isNull();
  }
}
