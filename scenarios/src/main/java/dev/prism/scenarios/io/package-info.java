/** Instance files in HELM's Instance JSON shape. */
package dev.prism.scenarios.io;
