/**
 * The soak behind {@code minitls soak}: a server under good and hostile clients, checked afterwards; it may touch the
 * runtime and the adapters, never the commands.
 */
package dev.minitls.cli.soak;
