package dev.prism.runner;

import dev.prism.core.Scenario;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars at test time without Maven: compiles Java sources with {@link JavaCompiler}
 * against prism-core alone (what a plugin's pom depends on), then jars the classes with resources
 * (including {@code META-INF/services}).
 */
final class PluginJarBuilder {
  /** The example plugin project at the repository root. */
  static final Path EXAMPLE = Path.of("../examples/scenario-plugin").toAbsolutePath().normalize();

  private final Path work;
  private final Path sources;
  private final Path resources;

  /**
   * @param work an empty scratch folder for sources, resources and classes
   */
  PluginJarBuilder(Path work) throws IOException {
    this.work = work;
    this.sources = Files.createDirectories(work.resolve("src"));
    this.resources = Files.createDirectories(work.resolve("resources"));
  }

  /** The example plugin's sources and resources, as its own pom would build them. */
  static PluginJarBuilder example(Path work) throws IOException {
    return new PluginJarBuilder(work)
        .copyTree(EXAMPLE.resolve("src/main/java"), "src")
        .copyTree(EXAMPLE.resolve("src/main/resources"), "resources");
  }

  /** Adds a Java source file for class {@code className}. */
  PluginJarBuilder source(String className, String code) throws IOException {
    Path file = sources.resolve(className.replace('.', '/') + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, code);
    return this;
  }

  /**
   * Adds a scenario class with no instances.
   *
   * @param constructorBody statements of its public no-argument constructor
   */
  PluginJarBuilder scenario(String className, String id, String constructorBody)
      throws IOException {
    int dot = className.lastIndexOf('.');
    String simpleName = className.substring(dot + 1);
    return source(
        className,
        String.join(
            "\n",
            "package " + className.substring(0, dot) + ";",
            "import dev.prism.core.Instance;",
            "import dev.prism.core.Scenario;",
            "import dev.prism.core.ScenarioContext;",
            "import java.util.List;",
            "public final class " + simpleName + " implements Scenario {",
            "  public " + simpleName + "() {",
            "    " + constructorBody,
            "  }",
            "  @Override public String id() { return \"" + id + "\"; }",
            "  @Override public String description() { return \"test scenario " + id + "\"; }",
            "  @Override public List<Instance> instances(ScenarioContext context) {",
            "    return List.of();",
            "  }",
            "}"));
  }

  /** Adds a resource, e.g. {@code META-INF/services/dev.prism.core.Scenario}. */
  PluginJarBuilder resource(String path, String text) throws IOException {
    Path file = resources.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return this;
  }

  /** Compiles the sources (warnings are errors) and writes the jar; returns {@code jar}. */
  Path build(Path jar) throws IOException {
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(sources)) {
      walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
    }
    if (!files.isEmpty()) {
      compile(files, classes);
    }
    Files.createDirectories(jar.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out)) {
      add(zip, classes);
      add(zip, resources);
    }
    return jar;
  }

  private static void compile(List<String> files, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter messages = new StringWriter();
    List<String> options =
        List.of(
            "--release",
            "17",
            "-Xlint:all",
            "-Werror",
            "-proc:none",
            "-classpath",
            prismCore().toString(),
            "-d",
            classes.toString());
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      boolean ok =
          javac
              .getTask(messages, fm, null, options, null, fm.getJavaFileObjectsFromStrings(files))
              .call();
      if (!ok) {
        throw new IllegalStateException("plugin sources do not compile:\n" + messages);
      }
    }
  }

  /** prism-core's classes (a folder in the reactor build, or its jar). */
  private static Path prismCore() {
    try {
      return Path.of(Scenario.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private PluginJarBuilder copyTree(Path from, String to) throws IOException {
    Path target = work.resolve(to);
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        Path dest = target.resolve(from.relativize(p).toString());
        Files.createDirectories(dest.getParent());
        Files.copy(p, dest);
      }
    }
    return this;
  }

  private static void add(JarOutputStream zip, Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      String name = root.relativize(file).toString().replace('\\', '/');
      zip.putNextEntry(new JarEntry(name));
      zip.write(Files.readAllBytes(file));
      zip.closeEntry();
    }
  }

  /** Bytes that are not a zip file, for a "jar" that cannot be opened. */
  static byte[] notAZip() {
    return "this is not a jar\n".getBytes(StandardCharsets.UTF_8);
  }
}
