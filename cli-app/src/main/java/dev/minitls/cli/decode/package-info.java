/**
 * {@code minitls decode}'s pieces: the captured bytes read from hex or binary ({@link Capture}), the NSS key log
 * read as Wireshark reads it ({@link NssKeyLog}) and the record keys derived from it ({@link KeyLogKeys}), and the
 * rows that show the transport adapter's dissection ({@link DissectionRows}).
 */
package dev.minitls.cli.decode;
