/**
 * What {@code minitls inspect} shows of certificate and key files; it may touch the runtime's PKI files and the
 * adapters, never the commands.
 */
package dev.minitls.cli.inspect;
