package dev.prism.runner.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;

/**
 * The class loader of one plugin jar. Classes are looked up parent-first as usual (so the jar sees
 * Prism's SPI types), but {@code META-INF/services} files are looked up in the jar only: otherwise
 * a {@link java.util.ServiceLoader} over this loader would find every built-in provider again and
 * attribute it to the jar.
 */
final class PluginClassLoader extends URLClassLoader {
  private static final String SERVICES = "META-INF/services/";

  static {
    registerAsParallelCapable();
  }

  PluginClassLoader(String name, URL jar, ClassLoader parent) {
    super(name, new URL[] {jar}, parent);
  }

  @Override
  public URL getResource(String name) {
    return name.startsWith(SERVICES) ? findResource(name) : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return name.startsWith(SERVICES) ? findResources(name) : super.getResources(name);
  }
}
