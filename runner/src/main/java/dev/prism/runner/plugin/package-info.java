/**
 * Plugin jars: finding them in plugin folders, checking them, and giving each its own class loader
 * ({@link dev.prism.runner.plugin.PluginJars}).
 */
package dev.prism.runner.plugin;
