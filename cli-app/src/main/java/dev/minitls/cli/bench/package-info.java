/**
 * The measuring tools behind {@code minitls speed} and {@code minitls bench} (minitls and the JDK's TLS on the
 * loopback); they may touch the runtime, the wiring and the adapters, never the commands.
 */
package dev.minitls.cli.bench;
