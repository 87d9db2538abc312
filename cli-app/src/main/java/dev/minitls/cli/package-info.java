/** The {@code minitls} executable's entry point ({@link dev.minitls.cli.Main}); it may touch the commands only. */
package dev.minitls.cli;
