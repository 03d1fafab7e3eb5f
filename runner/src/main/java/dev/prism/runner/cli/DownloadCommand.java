package dev.prism.runner.cli;

import dev.prism.core.PrismUserException;
import dev.prism.core.Scenario;
import dev.prism.metrics.bias.BiasWordLists;
import dev.prism.metrics.efficiency.EfficiencyTables;
import dev.prism.metrics.efficiency.TrainingTable;
import dev.prism.runner.download.Downloader;
import dev.prism.scenarios.helm.DataFile;
import dev.prism.scenarios.helm.DataFile.Archive;
import dev.prism.scenarios.helm.DataLock;
import dev.prism.scenarios.helm.DataRequirements;
import dev.prism.scenarios.perturbation.PerturbationResources;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code prism download}: fetch scenario data and check it against the data lockfile, re-check data
 * already downloaded, pin new or changed files (maintainers), or move data to and from an offline
 * bundle.
 */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description = {
      "Download the data files of scenarios into the data folder, checking each against the SHA-256"
          + " pinned in Prism's data lockfile.",
      "Example: prism download mmlu boolq",
      "         prism download all --verify        (re-check the data folder; no network)",
      "         prism download all --bundle prism-data.tar   (then, offline:)",
      "         prism download --from prism-data.tar",
      "         prism download mmlu --update-lock  (maintainers: pin what is served)"
    })
final class DownloadCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "SCENARIO",
      arity = "0..*",
      description =
          "Scenario ids or data names (e.g. mmlu, helm/boolq), 'perturbations' (HELM's"
              + " perturbation resources), 'bias_word_lists' (HELM's adjective and profession"
              + " lists for the bias metrics), 'efficiency_tables' (HELM's tables for"
              + " inference_idealized_runtime, inference_denoised_runtime, training_co2_cost and"
              + " training_energy_cost), or 'all'. With --from: the data names to take from"
              + " the bundle (default: all of it).")
  List<String> names = new ArrayList<>();

  @Mixin DataDirOption data;

  @Mixin PluginOptions plugins;

  @Option(names = "--force", description = "Download again even when files exist.")
  boolean force;

  @Option(
      names = "--bundle",
      paramLabel = "FILE",
      description =
          "After downloading, write the scenarios' data into this tar file, with a manifest of"
              + " every file's SHA-256 (the data is checked against the lock first).")
  Path bundle;

  @Option(
      names = "--from",
      paramLabel = "FILE",
      description =
          "Load data from a bundle written with --bundle instead of the network; every file is"
              + " checked against the bundle's manifest and the lock before anything is written.")
  Path from;

  @Option(
      names = "--verify",
      description =
          "Re-hash the data already in the data folder and compare it with the lock (no network).")
  boolean verify;

  @Option(
      names = "--lock",
      paramLabel = "FILE",
      description = "Check against this lockfile instead of the one shipped with Prism.")
  Path lockFile;

  @Option(
      names = "--update-lock",
      paramLabel = "FILE",
      arity = "0..1",
      fallbackValue = "",
      description =
          "Maintainers: download every file again and record its SHA-256 and size in the lockfile"
              + " (FILE; default: the --lock file, else the lockfile of the Prism checkout you are"
              + " in), replacing changed entries. Review the diff before committing it.")
  String updateLock;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** The run-time resources of HELM's perturbations (misspellings, dialect, names, synonyms). */
  static final DataRequirements PERTURBATIONS =
      new DataRequirements() {
        @Override
        public String dataName() {
          return PerturbationResources.DATA_NAME;
        }

        @Override
        public List<DataFile> dataFiles() {
          return Arrays.stream(PerturbationResources.DataFile.values())
              .map(f -> new DataFile(f.relativePath(), f.sourceUrl(), Archive.NONE))
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
              new DataFile(BiasWordLists.FILE_NAME, BiasWordLists.SOURCE_URL, Archive.NONE));
        }
      };

  /**
   * HELM's runtime tables and training costs table, whose entries models.yaml names with {@code
   * efficiency_profile}.
   */
  static final DataRequirements EFFICIENCY_TABLES =
      new DataRequirements() {
        @Override
        public String dataName() {
          return EfficiencyTables.DATA_NAME;
        }

        @Override
        public List<DataFile> dataFiles() {
          return List.of(
                  EfficiencyTables.IDEALIZED_FILE,
                  EfficiencyTables.DENOISED_FILE,
                  TrainingTable.FILE)
              .stream()
              .map(f -> new DataFile(f, EfficiencyTables.sourceUrl(f), Archive.NONE))
              .toList();
        }
      };

  @Override
  public Integer call() throws Exception {
    checkOptions();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = data.dir();
    Registries registries = Registries.load(err, plugins);
    Map<String, DataRequirements> known = known(registries);
    Path lockOut = updateLock == null ? null : lockTarget(known);
    DataLock lock = readLock(lockOut);
    Downloader downloader = new Downloader(dir, lock, lockOut != null, out, err);
    if (from != null) {
      Set<String> only = new LinkedHashSet<>();
      if (!names.isEmpty()) {
        only.addAll(resolve(registries, known).keySet());
      }
      List<String> loaded = downloader.readBundle(from, files(known), only);
      out.println(
          "Loaded "
              + String.join(", ", loaded)
              + " from "
              + from
              + " into "
              + dir
              + " (checked against the bundle's manifest and the lock)");
      return 0;
    }
    if (names.isEmpty()) {
      throw new PrismUserException(
          "nothing to download", "Name scenarios (e.g. prism download mmlu) or 'all'");
    }
    Map<String, List<DataFile>> wanted = files(resolve(registries, known));
    if (verify) {
      downloader.verify(wanted, names.contains("all"));
      out.println("Data folder " + dir + " matches the lock");
      return 0;
    }
    int fetched = 0;
    for (Map.Entry<String, List<DataFile>> e : wanted.entrySet()) {
      fetched += downloader.fetch(e.getKey(), e.getValue(), force);
      if (lockOut != null) {
        // After each data name, so a failure later keeps what was pinned so far.
        downloader.lock().write(lockOut);
      }
    }
    out.printf(
        Locale.ROOT,
        "Data folder %s: %d files downloaded, %d scenarios ready%n",
        dir,
        fetched,
        wanted.size());
    printPinned(out, downloader.lock(), wanted, lockOut);
    if (bundle != null) {
      downloader.writeBundle(wanted, bundle);
      out.println("Bundle: " + bundle.toAbsolutePath());
    }
    return 0;
  }

  private void checkOptions() {
    if (verify && (force || bundle != null || from != null || updateLock != null)) {
      throw new ParameterException(
          spec.commandLine(),
          "--verify only re-checks files on disk; it cannot be combined with --force, --bundle,"
              + " --from or --update-lock");
    }
    if (from != null && (force || updateLock != null || bundle != null)) {
      throw new ParameterException(
          spec.commandLine(),
          "--from loads a bundle without the network; it cannot be combined with --force,"
              + " --update-lock or --bundle");
    }
  }

  /** Where {@code --update-lock} writes. */
  private Path lockTarget(Map<String, DataRequirements> known) {
    if (!updateLock.isEmpty()) {
      if (known.containsKey(updateLock) && !Files.exists(Path.of(updateLock))) {
        throw new ParameterException(
            spec.commandLine(),
            "--update-lock took '"
                + updateLock
                + "' as its FILE; put the names first: prism download "
                + updateLock
                + " --update-lock");
      }
      return Path.of(updateLock);
    }
    if (lockFile != null) {
      return lockFile;
    }
    Path inCheckout = DataLock.findInCheckout(Path.of(""));
    if (inCheckout == null) {
      throw new PrismUserException(
          "--update-lock without FILE writes the lockfile of a Prism checkout, but "
              + Path.of("").toAbsolutePath()
              + " is not inside one (no "
              + DataLock.REPO_PATH
              + ")",
          "Run it from a checkout, or give the file: --update-lock data.lock (then copy it to "
              + DataLock.REPO_PATH
              + ")");
    }
    return inCheckout;
  }

  /**
   * The lock to check against or update: the file being updated when it exists, else --lock, else
   * the one in Prism's jar.
   */
  private DataLock readLock(Path lockOut) {
    if (lockOut != null && Files.exists(lockOut)) {
      return DataLock.read(lockOut);
    }
    return lockFile != null ? DataLock.read(lockFile) : DataLock.bundled();
  }

  /** Says how much of what was asked for the lock pins, so unpinned data is never a surprise. */
  private void printPinned(
      PrintWriter out, DataLock lock, Map<String, List<DataFile>> wanted, Path lockOut) {
    int files = 0;
    int pinned = 0;
    for (Map.Entry<String, List<DataFile>> e : wanted.entrySet()) {
      for (DataFile f : e.getValue()) {
        files++;
        pinned += lock.entry(DataLock.key(e.getKey(), f)) != null ? 1 : 0;
      }
    }
    String which =
        lockOut != null
            ? lockOut.toString()
            : lockFile != null ? lockFile.toString() : "Prism's lockfile";
    out.printf(Locale.ROOT, "%s pins %d of these %d files%n", which, pinned, files);
    if (lockOut != null) {
      out.println("Lockfile written: " + lockOut + " (review the diff, then commit it)");
    }
  }

  /** Every data name {@code prism download} knows without plugins: {@code all}. */
  static Map<String, DataRequirements> known(Registries registries) {
    Map<String, DataRequirements> all = new LinkedHashMap<>();
    all.put(PERTURBATIONS.dataName(), PERTURBATIONS);
    all.put(BIAS_WORD_LISTS.dataName(), BIAS_WORD_LISTS);
    all.put(EFFICIENCY_TABLES.dataName(), EFFICIENCY_TABLES);
    for (Scenario s : registries.scenarios().builtIns()) {
      if (s instanceof DataRequirements d) {
        all.put(d.dataName(), d);
      }
    }
    return all;
  }

  private static Map<String, List<DataFile>> files(Map<String, DataRequirements> reqs) {
    Map<String, List<DataFile>> files = new LinkedHashMap<>();
    reqs.forEach((name, d) -> files.put(name, d.dataFiles()));
    return files;
  }

  private Map<String, DataRequirements> resolve(
      Registries registries, Map<String, DataRequirements> all) {
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
