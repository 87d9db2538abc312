/**
 * The trace printers ({@code --trace}, {@code --trace=json}, {@code --keylog}): what the handshakes report, in text,
 * JSON or key-log lines; they may touch the domain's trace events and the runtime, never the commands.
 */
package dev.minitls.cli.trace;
