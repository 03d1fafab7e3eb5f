package dev.prism.reports.table;

import dev.prism.reports.model.RunReport;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * File names for run pages. A slug keeps {@code [A-Za-z0-9._-]} of the run name and replaces every
 * other character with {@code _}; slugs are unique even on case-insensitive file systems.
 */
public final class RunSlugs {
  private static final int MAX_LENGTH = 120;
  private static final Pattern WINDOWS_DEVICE =
      Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

  private RunSlugs() {}

  /**
   * One slug per run, in the order of {@code runs}. Runs are considered in run-name order (ties in
   * list order), and a slug already taken gets {@code -2}, {@code -3}, … appended, so the result
   * does not depend on the order the runner listed the runs in.
   */
  public static List<String> assign(List<RunReport> runs) {
    Integer[] order = new Integer[runs.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparing(i -> runs.get(i).runName()));
    String[] slugs = new String[runs.size()];
    Set<String> taken = new HashSet<>();
    for (int i : order) {
      String base = slug(runs.get(i).runName());
      String candidate = base;
      for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
        candidate = base + "-" + n;
      }
      slugs[i] = candidate;
    }
    return List.of(slugs);
  }

  /** The run page's path relative to the site root, e.g. {@code runs/mmlu_subject_anatomy.html}. */
  public static String pagePath(String slug) {
    return "runs/" + slug + ".html";
  }

  /**
   * The slug of one name before de-duplication: a safe file-name stem for any name (runs, run
   * groups, metric groups).
   */
  public static String slug(String runName) {
    StringBuilder sb = new StringBuilder();
    runName
        .codePoints()
        .forEach(
            cp -> {
              boolean safe =
                  (cp >= 'a' && cp <= 'z')
                      || (cp >= 'A' && cp <= 'Z')
                      || (cp >= '0' && cp <= '9')
                      || cp == '.'
                      || cp == '_'
                      || cp == '-';
              sb.append(safe ? (char) cp : '_');
            });
    String s = sb.length() > MAX_LENGTH ? sb.substring(0, MAX_LENGTH) : sb.toString();
    // Never "", ".", ".." or a hidden file, and never a Windows device name.
    if (s.isEmpty() || s.startsWith(".") || WINDOWS_DEVICE.matcher(s).matches()) {
      s = "_" + s;
    }
    return s;
  }
}
