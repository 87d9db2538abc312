package dev.minitls.cli.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.command.MinitlsCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code minitls decode} on a real capture made by another implementation: an OpenSSL client and server that chose
 * TLS_AES_256_GCM_SHA384, so the keys come from SHA-384 and the records are AES-256-GCM, unlike RFC 8448's
 * (see {@code src/test/resources/decode/openssl-tls13/README.md}). Every record of both directions opens, with the
 * messages and the data in it.
 */
class DecodeOpensslCaptureTest {

    @Test
    void bothDirectionsOfAnOpensslSessionDecryptWithItsKeyLog() throws URISyntaxException {
        Path capture = Path.of(getClass().getClassLoader().getResource("decode/openssl-tls13/keys.log").toURI())
                .getParent();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = MinitlsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int status = commandLine.execute("decode", "--keylog", capture.resolve("keys.log").toString(),
                capture.resolve("client.bin").toString(), capture.resolve("server.bin").toString());

        assertThat(status).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).noneMatch(line -> line.contains("not decrypted"))
                .anyMatch(line -> line.endsWith("cipher_suite: 0x1302 TLS_AES_256_GCM_SHA384"))
                .anyMatch(line -> line.endsWith("application_data: 19 bytes: \"hello from openssl\\u000a\""))
                .anyMatch(line -> line.endsWith("host_name: \"example-server\""));
        for (String message : List.of("ClientHello", "ServerHello", "EncryptedExtensions", "Certificate",
                "CertificateVerify", "Finished", "NewSessionTicket")) {
            assertThat(lines).as(message).anyMatch(line -> line.matches("p?\\w{4} +" + message
                    + " \\(\\d+ bytes\\): handshake message"));
        }
        assertThat(lines.stream().filter(line -> line.endsWith("description: close_notify"))).hasSize(2);
        assertThat(lines.stream().filter(line -> line.contains("decryption: record"))).hasSize(10);
    }
}
