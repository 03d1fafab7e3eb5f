package dev.prism.scenarios.perturbation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The contents of HELM's {@code person_names.txt}: one name per line with its type ({@code
 * first_name} or {@code last_name}) and categories such as {@code race:white_american} and {@code
 * gender:female}.
 *
 * <p>A line is {@code name,name_type,category:value[,category:value…]}. A line whose fields after
 * the type carry no {@code :} is read as {@code category,value} pairs instead.
 *
 * @param entries the lines, in file order
 */
public record PersonNames(List<Entry> entries) {
  public PersonNames {
    entries = List.copyOf(entries);
  }

  /**
   * One line.
   *
   * @param name the name as written (HELM lower-cases it when used)
   * @param nameType {@code first_name} or {@code last_name}
   * @param categories category → value, e.g. {@code race → black_american}
   */
  public record Entry(String name, String nameType, Map<String, String> categories) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(nameType, "nameType");
      categories = Map.copyOf(categories);
    }
  }

  /**
   * Parses the file's text.
   *
   * @param source where the text came from, for error messages
   * @throws IllegalArgumentException naming {@code source:line} for a malformed line
   */
  public static PersonNames parse(String text, String source) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].replace("\r", "");
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (fields.length < 2) {
        throw new IllegalArgumentException(
            source
                + ":"
                + (i + 1)
                + ": expected name,name_type,category:value…, got '"
                + line
                + "'");
      }
      Map<String, String> categories = new LinkedHashMap<>();
      boolean colonForm = false;
      for (int f = 2; f < fields.length; f++) {
        colonForm |= fields[f].contains(":");
      }
      if (colonForm) {
        for (int f = 2; f < fields.length; f++) {
          String[] kv = fields[f].split(":", -1);
          if (kv.length != 2) {
            throw new IllegalArgumentException(
                source + ":" + (i + 1) + ": expected category:value, got '" + fields[f] + "'");
          }
          categories.put(kv[0].strip(), kv[1].strip());
        }
      } else {
        if ((fields.length - 2) % 2 != 0) {
          throw new IllegalArgumentException(
              source + ":" + (i + 1) + ": categories must come in category,value pairs");
        }
        for (int f = 2; f < fields.length; f += 2) {
          categories.put(fields[f].strip(), fields[f + 1].strip());
        }
      }
      entries.add(new Entry(fields[0], fields[1].strip(), categories));
    }
    return new PersonNames(entries);
  }
}
