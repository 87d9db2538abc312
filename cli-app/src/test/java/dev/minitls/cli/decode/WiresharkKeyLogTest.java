package dev.minitls.cli.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The key log, checked the way Wireshark uses it and with nothing of minitls: its lines parsed as Wireshark's
 * {@code ssl_load_keyfile} does (a label, the client random, the secret, separated by spaces; '#' lines skipped),
 * the secret looked up by label and by the ClientHello's random, the record keys derived with HKDF written here on
 * the JDK's HMAC, and the RFC 8448 records opened with the JDK's AES-GCM ({@code DecodeCommandTest} gives
 * {@code minitls decode} the same lines).
 */
class WiresharkKeyLogTest {

    private static final HexFormat HEX = HexFormat.of();

    private final Rfc8448Capture rfc = Rfc8448Capture.load();

    @Test
    void theKeyLogAloneOpensEveryRecordOfBothDirections() throws GeneralSecurityException {
        Map<String, byte[]> secrets = wiresharkParse(rfc.keyLogLines(), rfc.clientRandom());

        byte[] flight = open(secrets.get("SERVER_HANDSHAKE_TRAFFIC_SECRET"), 0,
                rfc.hex("server_encrypted_flight.record"));
        byte[] clientFinished = open(secrets.get("CLIENT_HANDSHAKE_TRAFFIC_SECRET"), 0,
                rfc.hex("client_finished.record"));
        byte[] ticket = open(secrets.get("SERVER_TRAFFIC_SECRET_0"), 0, rfc.hex("new_session_ticket.record"));
        byte[] serverData = open(secrets.get("SERVER_TRAFFIC_SECRET_0"), 1,
                rfc.hex("application_data.server_record"));
        byte[] clientData = open(secrets.get("CLIENT_TRAFFIC_SECRET_0"), 0,
                rfc.hex("application_data.client_record"));

        assertThat(flight).isEqualTo(withType(rfc.hex("server_encrypted_flight.payload"), 0x16));
        assertThat(clientFinished).isEqualTo(withType(rfc.hex("client_finished.message"), 0x16));
        assertThat(ticket).isEqualTo(withType(rfc.hex("new_session_ticket.message"), 0x16));
        assertThat(serverData).isEqualTo(withType(rfc.hex("application_data.payload"), 0x17));
        assertThat(clientData).isEqualTo(withType(rfc.hex("application_data.payload"), 0x17));
    }

    @Test
    void aLineForAnotherConnectionOpensNothing() {
        List<String> other = rfc.keyLogLines().stream().map(line -> line.replace(HEX.formatHex(rfc.clientRandom()),
                "00".repeat(32))).toList();

        assertThat(wiresharkParse(other, rfc.clientRandom())).isEmpty();
    }

    /** Wireshark's reading: per line, label, client random and secret; the lines of this connection's random. */
    private static Map<String, byte[]> wiresharkParse(List<String> lines, byte[] clientRandom) {
        Map<String, byte[]> secrets = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] fields = line.trim().split(" ");
            if (fields.length == 3 && Arrays.equals(HEX.parseHex(fields[1]), clientRandom)) {
                secrets.put(fields[0], HEX.parseHex(fields[2]));
            }
        }
        return secrets;
    }

    /** Opens one TLS_AES_128_GCM_SHA256 record numbered {@code sequence} under the traffic secret. */
    private static byte[] open(byte[] secret, long sequence, byte[] record) throws GeneralSecurityException {
        byte[] key = expandLabel(secret, "key", 16);
        byte[] nonce = expandLabel(secret, "iv", 12);
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] ^= (byte) (sequence >>> (8 * i));
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(record, 0, 5);
        return gcm.doFinal(record, 5, record.length - 5);
    }

    /** HKDF-Expand-Label (RFC 8446 section 7.1) with SHA-256 and an empty context, at most one block long. */
    private static byte[] expandLabel(byte[] secret, String label, int length) throws GeneralSecurityException {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(0);
        info.write(length);
        info.write(fullLabel.length);
        info.writeBytes(fullLabel);
        info.write(0);
        info.write(1); // HKDF-Expand's counter: T(1) = HMAC(PRK, info || 0x01)
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return Arrays.copyOf(hmac.doFinal(info.toByteArray()), length);
    }

    private static byte[] withType(byte[] content, int type) {
        byte[] inner = Arrays.copyOf(content, content.length + 1);
        inner[content.length] = (byte) type;
        return inner;
    }
}
