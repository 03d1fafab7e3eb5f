package dev.prism.runner.cli;

import dev.prism.core.PrismUserException;
import dev.prism.core.Scenario;
import dev.prism.metrics.bias.BiasWordLists;
import dev.prism.runner.download.Downloader;
import dev.prism.scenarios.helm.DataFile;
import dev.prism.scenarios.helm.DataFile.Archive;
import dev.prism.scenarios.helm.DataRequirements;
import dev.prism.scenarios.perturbation.PerturbationResources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code prism download}: fetch scenario data, or move it to and from an offline bundle. */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description = {
      "Download the data files of scenarios into the data folder, checking pinned SHA-256 sums.",
      "Example: prism download mmlu boolq",
      "         prism download all --bundle prism-data.tar   (then, offline:)",
      "         prism download --from prism-data.tar"
    })
final class DownloadCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "SCENARIO",
      arity = "0..*",
      description =
          "Scenario ids or data names (e.g. mmlu, helm/boolq), 'perturbations' (HELM's"
              + " perturbation resources), 'bias_word_lists' (HELM's adjective and profession"
              + " lists for the bias metrics), or 'all'.")
  List<String> names = new ArrayList<>();

  @Mixin DataDirOption data;

  @Mixin PluginOptions plugins;

  @Option(names = "--force", description = "Download again even when files exist.")
  boolean force;

  @Option(
      names = "--bundle",
      paramLabel = "FILE",
      description = "After downloading, write the scenarios' data into this tar file.")
  Path bundle;

  @Option(
      names = "--from",
      paramLabel = "FILE",
      description = "Load data from a bundle written with --bundle instead of the network.")
  Path from;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** The run-time resources of HELM's perturbations (misspellings, dialect, names, synonyms). */
  static final DataRequirements PERTURBATIONS =
      new DataRequirements() {
        @Override
        public String dataName() {
          return "perturbations";
        }

        @Override
        public List<DataFile> dataFiles() {
          return Arrays.stream(PerturbationResources.DataFile.values())
              .map(f -> new DataFile(f.relativePath(), f.sourceUrl(), f.sha256(), Archive.NONE))
              .toList();
        }
      };

  /** HELM's {@code bias_word_lists.py}, whose target lists the bias association metrics read. */
  static final DataRequirements BIAS_WORD_LISTS =
      new DataRequirements() {
        @Override
        public String dataName() {
          return BiasWordLists.DATA_NAME;
        }

        @Override
        public List<DataFile> dataFiles() {
          return List.of(
              new DataFile(
                  BiasWordLists.FILE_NAME,
                  BiasWordLists.SOURCE_URL,
                  BiasWordLists.SHA256,
                  Archive.NONE));
        }
      };

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = data.dir();
    Downloader downloader = new Downloader(dir, out);
    if (from != null) {
      downloader.readBundle(from);
      out.println("Loaded " + from + " into " + dir);
      if (names.isEmpty()) {
        return 0;
      }
    }
    if (names.isEmpty()) {
      throw new PrismUserException(
          "nothing to download", "Name scenarios (e.g. prism download mmlu) or 'all'");
    }
    Map<String, DataRequirements> wanted = resolve(Registries.load(err, plugins));
    int fetched = 0;
    for (Map.Entry<String, DataRequirements> e : wanted.entrySet()) {
      if (from == null) {
        fetched += downloader.fetch(e.getKey(), e.getValue().dataFiles(), force);
      }
    }
    out.printf(
        Locale.ROOT,
        "Data folder %s: %d files downloaded, %d scenarios ready%n",
        dir,
        fetched,
        wanted.size());
    if (bundle != null) {
      downloader.writeBundle(List.copyOf(wanted.keySet()), bundle);
      out.println("Bundle: " + bundle.toAbsolutePath());
    }
    return 0;
  }

  private Map<String, DataRequirements> resolve(Registries registries) {
    Map<String, DataRequirements> all = new LinkedHashMap<>();
    all.put(PERTURBATIONS.dataName(), PERTURBATIONS);
    all.put(BIAS_WORD_LISTS.dataName(), BIAS_WORD_LISTS);
    for (Scenario s : registries.scenarios().builtIns()) {
      if (s instanceof DataRequirements d) {
        all.put(d.dataName(), d);
      }
    }
    Map<String, DataRequirements> wanted = new LinkedHashMap<>();
    for (String name : names) {
      if (name.equals("all")) {
        wanted.putAll(all);
        continue;
      }
      DataRequirements d = all.get(name);
      if (d == null) {
        Scenario s = registries.scenarios().resolve(name);
        if (!(s instanceof DataRequirements req)) {
          throw new PrismUserException(
              "scenario '" + s.id() + "' needs no download", "Run it directly");
        }
        d = req;
      }
      wanted.put(d.dataName(), d);
    }
    return wanted;
  }
}
