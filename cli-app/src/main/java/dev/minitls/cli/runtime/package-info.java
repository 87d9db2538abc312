/**
 * The runtime that serves connections, for the commands and the API alike: the server and client over TCP, their
 * limits and deadlines, the configurations built from the PKI files ({@link dev.minitls.cli.runtime.Endpoints}); it
 * may touch the domain and the adapters, never picocli, the commands or the API.
 */
package dev.minitls.cli.runtime;
