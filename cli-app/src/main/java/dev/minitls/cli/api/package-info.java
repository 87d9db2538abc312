/**
 * minitls as a Java library, shaped like {@code SSLSocket}: a {@link dev.minitls.cli.api.MinitlsClient} and a
 * {@link dev.minitls.cli.api.MinitlsServer}, each built once from its configuration (trust anchor, certificate and
 * key, crypto provider, protocol, timeouts), and the {@link dev.minitls.cli.api.SecureConnection} they open: whole
 * messages with {@code send}/{@code receive}, or bytes through {@code getInputStream}/{@code getOutputStream}.
 * README.md, "Java API", has a complete example. It may touch the runtime, the wiring and the domain's types, never
 * picocli or the commands (an ArchUnit rule keeps it so), and it logs through SLF4J, whatever backend the application
 * brings.
 */
package dev.minitls.cli.api;
