/**
 * The picocli commands and their options, which turn what the user typed into calls of the runtime, the tools and
 * the trace printers; the only package besides {@code Main} that may touch picocli's command line.
 */
package dev.minitls.cli.command;
