/**
 * The in-process {@code jlama} adapter: a local safetensors model run inside the JVM with Jlama, no
 * server and no network. Needs Java 21+ started with {@code --add-modules jdk.incubator.vector
 * --enable-native-access=ALL-UNNAMED}.
 */
package dev.prism.adapters.jlama;
