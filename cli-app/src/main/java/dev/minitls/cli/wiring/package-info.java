/**
 * The one place that builds the object graph ({@link dev.minitls.cli.wiring.Wiring}): a Guice module per crypto
 * provider and one for the other ports; it may touch the adapters and the runtime's {@code Endpoints}, nothing above.
 */
package dev.minitls.cli.wiring;
