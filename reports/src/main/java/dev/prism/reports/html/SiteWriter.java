package dev.prism.reports.html;

import dev.prism.core.PrismUserException;
import dev.prism.reports.format.TableFormat;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
import dev.prism.reports.plot.Plot;
import dev.prism.reports.plot.Plots;
import dev.prism.reports.table.GroupTable;
import dev.prism.reports.table.Leaderboard;
import dev.prism.reports.table.LeaderboardBuilder;
import dev.prism.reports.table.RunSlugs;
import dev.prism.reports.table.SchemaLeaderboard;
import dev.prism.reports.table.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes a suite's static site:
 *
 * <ul>
 *   <li>{@code index.html}: the leaderboard (best value per column in bold) and the list of runs;
 *   <li>{@code runs/<slug>.html}: per run, its stats and an instance browser;
 *   <li>{@code leaderboard.json}: the leaderboard table and every run's stats in HELM's {@code
 *       stats.json} shape.
 * </ul>
 *
 * <p>Pages are self-contained (inline CSS, no scripts, no network access) and work from {@code
 * file://}. Every string that came from a model or a data set is HTML-escaped. The same report
 * always gives the same bytes.
 *
 * <p>The site is written into a temporary sibling folder and then moved into place, so a failed
 * write leaves the previous site (or nothing) rather than half a site. An existing output folder is
 * replaced only if it is empty or holds nothing but a previous site.
 *
 * <pre>{@code
 * Path index = SiteWriter.write(suiteReport, Path.of("prism-output/site"));
 * }</pre>
 */
public final class SiteWriter {
  /** The only entries a previous site has; a folder holding anything else is not replaced. */
  static final Set<String> SITE_ENTRIES =
      Set.of("index.html", "leaderboard.json", "runs", "groups", "compare", "tables");

  /** Called after each file is written; tests use it to simulate a failure part-way. */
  interface FileHook {
    void written(Path file) throws IOException;
  }

  private SiteWriter() {}

  /**
   * Writes the site with every main metric ranked higher-is-better.
   *
   * @return the path of the written {@code index.html}
   * @throws IOException when the site cannot be written; the output folder is then unchanged
   * @throws PrismUserException when {@code outDir} is a file, or a folder holding files that are
   *     not a previous site
   */
  public static Path write(SuiteReport report, Path outDir) throws IOException {
    return write(report, outDir, SiteOptions.defaults());
  }

  /**
   * Writes the site with the built-in schema, ranking metrics as the schema says unless {@code
   * lowerIsBetter} overrides them.
   *
   * @param lowerIsBetter by metric name; overrides the schema's direction
   * @return the path of the written {@code index.html}
   * @throws IOException when the site cannot be written; the output folder is then unchanged
   * @throws PrismUserException when {@code outDir} is a file, or a folder holding files that are
   *     not a previous site
   */
  public static Path write(SuiteReport report, Path outDir, Map<String, Boolean> lowerIsBetter)
      throws IOException {
    return write(report, outDir, SiteOptions.defaults().withLowerIsBetter(lowerIsBetter));
  }

  /**
   * Writes the site as {@code options} say.
   *
   * @return the path of the written {@code index.html}
   * @throws IOException when the site cannot be written; the output folder is then unchanged
   * @throws PrismUserException when {@code outDir} is a file, or a folder holding files that are
   *     not a previous site
   */
  public static Path write(SuiteReport report, Path outDir, SiteOptions options)
      throws IOException {
    return write(report, outDir, options, file -> {});
  }

  static Path write(
      SuiteReport report, Path outDir, Map<String, Boolean> lowerIsBetter, FileHook hook)
      throws IOException {
    return write(report, outDir, SiteOptions.defaults().withLowerIsBetter(lowerIsBetter), hook);
  }

  static Path write(SuiteReport report, Path outDir, SiteOptions options, FileHook hook)
      throws IOException {
    Path target = outDir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    if (parent == null) {
      throw new PrismUserException(
          "Cannot write the site into the file-system root", "Choose an output folder");
    }
    checkReplaceable(target);
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
    try {
      render(report, options, staging, hook);
      install(staging, target);
    } catch (IOException | RuntimeException | Error e) {
      try {
        deleteRecursively(staging);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return target.resolve("index.html");
  }

  private static void render(SuiteReport report, SiteOptions options, Path dir, FileHook hook)
      throws IOException {
    List<RunReport> runs = report.runs();
    List<String> slugs = RunSlugs.assign(runs);
    Integer[] order = new Integer[runs.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparing(i -> runs.get(i).runName()));
    List<RunReport> sortedRuns = new ArrayList<>();
    List<String> sortedSlugs = new ArrayList<>();
    Map<String, String> slugByRun = new HashMap<>();
    for (int i : order) {
      sortedRuns.add(runs.get(i));
      sortedSlugs.add(slugs.get(i));
      slugByRun.putIfAbsent(runs.get(i).runName(), slugs.get(i));
    }
    Table legacy = LeaderboardBuilder.build(report, options.leaderboard().lowerIsBetter());
    Leaderboard leaderboard =
        SchemaLeaderboard.build(report, options.schema(), options.leaderboard());
    List<Plot> plots = Plots.build(leaderboard);
    double alpha = options.leaderboard().alpha();
    int perPage = options.instancesPerPage();

    // Group pages and the cross-model pages of leaf groups (runs of one run key, several models).
    Map<String, String> groupPathByScenario = new HashMap<>();
    Map<String, Map<String, List<RunReport>>> runsByKey = new HashMap<>();
    for (RunReport run : sortedRuns) {
      runsByKey
          .computeIfAbsent(run.scenarioId(), k -> new TreeMap<>())
          .computeIfAbsent(SchemaLeaderboard.runKey(run), k -> new ArrayList<>())
          .add(run);
    }
    Files.createDirectory(dir.resolve("runs"));
    Files.createDirectory(dir.resolve("groups"));
    Files.createDirectory(dir.resolve("compare"));
    Files.createDirectory(dir.resolve("tables"));
    Set<String> compareSlugs = new HashSet<>();
    for (Leaderboard.Group g : leaderboard.groups()) {
      groupPathByScenario.putIfAbsent(g.group().name(), g.pagePath());
    }
    for (Leaderboard.Group g : leaderboard.groups()) {
      Map<String, String> comparePages = new TreeMap<>();
      Map<String, List<RunReport>> byKey =
          g.group().subgroups().isEmpty() ? runsByKey.get(g.group().name()) : null;
      if (byKey != null) {
        for (Map.Entry<String, List<RunReport>> e : byKey.entrySet()) {
          List<RunReport> keyRuns =
              e.getValue().stream().sorted(Comparator.comparing(RunReport::deployment)).toList();
          if (keyRuns.stream().map(RunReport::deployment).distinct().count() < 2) {
            continue;
          }
          String base = RunSlugs.slug(e.getKey());
          String slug = base;
          for (int n = 2; !compareSlugs.add(slug.toLowerCase(Locale.ROOT)); n++) {
            slug = base + "-" + n;
          }
          comparePages.put(e.getKey(), "compare/" + slug + ".html");
          List<String> pages =
              ComparePage.render(report.suite(), e.getKey(), g.pagePath(), keyRuns, slug, perPage);
          for (int p = 0; p < pages.size(); p++) {
            writeFile(dir.resolve("compare").resolve(Pages.file(slug, p + 1)), pages.get(p), hook);
          }
        }
      }
      writeFile(
          dir.resolve(g.pagePath()),
          GroupPage.render(report.suite(), g, options.schema(), alpha, comparePages, slugByRun),
          hook);
    }
    for (int i = 0; i < sortedRuns.size(); i++) {
      RunReport run = sortedRuns.get(i);
      String slug = sortedSlugs.get(i);
      List<String> pages =
          RunPage.render(
              report.suite(),
              run,
              slug,
              groupPathByScenario.get(run.scenarioId()),
              options.adapterSettings().getOrDefault(run.runName(), Map.of()),
              perPage);
      for (int p = 0; p < pages.size(); p++) {
        writeFile(dir.resolve("runs").resolve(Pages.file(slug, p + 1)), pages.get(p), hook);
      }
    }
    for (GroupTable t : leaderboard.index()) {
      for (TableFormat f : TableFormat.values()) {
        if (f != TableFormat.HTML) {
          writeFile(dir.resolve(LeaderboardHtml.download(t, f)), f.render(t.table()), hook);
        }
      }
    }
    writeFile(
        dir.resolve("leaderboard.json"),
        SiteJson.render(report.suite(), legacy, leaderboard, sortedRuns, sortedSlugs),
        hook);
    // The index goes last: its presence marks a complete site.
    writeFile(
        dir.resolve("index.html"),
        IndexPage.render(
            report.suite(), leaderboard, plots, options.schema(), alpha, sortedRuns, sortedSlugs),
        hook);
  }

  private static void writeFile(Path file, String content, FileHook hook) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
    hook.written(file);
  }

  /** Refuses to replace anything that is not a folder holding at most a previous site. */
  static void checkReplaceable(Path target) throws IOException {
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new PrismUserException(
          "Cannot write the site to " + target + ": it is a file",
          "Choose a folder that does not exist yet, or remove the file");
    }
    TreeSet<String> foreign = new TreeSet<>();
    try (Stream<Path> entries = Files.list(target)) {
      entries
          .map(p -> p.getFileName().toString())
          .filter(name -> !SITE_ENTRIES.contains(name))
          .forEach(foreign::add);
    }
    if (!foreign.isEmpty()) {
      throw new PrismUserException(
          "Will not replace "
              + target
              + ": it holds files that are not part of a Prism site ("
              + String.join(", ", foreign.stream().limit(5).toList())
              + (foreign.size() > 5 ? ", …" : "")
              + ")",
          "Choose an empty or new folder for the site");
    }
  }

  /** Moves the finished site into place, replacing a previous one. */
  private static void install(Path staging, Path target) throws IOException {
    if (!Files.exists(target)) {
      move(staging, target);
      return;
    }
    // A directory cannot be renamed over a non-empty one: move the old site aside first, and put
    // it back if the new one cannot take its place.
    Path old = staging.resolveSibling(staging.getFileName() + "-old");
    move(target, old);
    try {
      move(staging, target);
    } catch (IOException e) {
      try {
        move(old, target);
      } catch (IOException restore) {
        e.addSuppressed(restore);
      }
      throw e;
    }
    deleteRecursively(old);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Deletes a file tree without following symbolic links. */
  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            if (exc != null) {
              throw exc;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
