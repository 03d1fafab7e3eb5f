/**
 * Deterministic fakes shared by tests and benchmarks. {@link dev.prism.testkit.FakeProvider} is a
 * loopback OpenAI-compatible server with configurable latency, throughput cap and fault mix.
 */
package dev.prism.testkit;
