/** Built-in scenarios that need no download ({@code prism/…}). */
package dev.prism.scenarios.builtin;
