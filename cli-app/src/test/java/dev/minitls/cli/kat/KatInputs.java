package dev.minitls.cli.kat;

import static dev.minitls.cli.kat.KatJson.HEX;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minitls.crypto.bc.CertificateAuthority;
import dev.minitls.crypto.bc.IssuanceRequest;
import dev.minitls.crypto.bc.IssuedMaterial;
import dev.minitls.testing.FixedRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that makes a v2 session reproducible: what the certificate authority is asked for and the randomness
 * it draws, the client's clock, both sides' randoms and ephemeral X25519 private keys, and the message sent.
 *
 * @param serverName the server certificate's name, which the client asks for
 * @param rootCommonName the Root CA's common name
 * @param notBefore the start of both certificates' validity
 * @param validityDays how long both certificates are valid
 * @param certificateAuthorityRandom what {@link CertificateAuthority} draws, in order: root key, server key, root
 *     serial, server serial
 * @param clientClock the time the client checks the certificate against
 * @param clientRandom the ClientHello random
 * @param clientEphemeralPrivateKey the client's X25519 private key
 * @param serverRandom the ServerHello random
 * @param serverEphemeralPrivateKey the server's X25519 private key
 * @param applicationData what the client sends and the server echoes
 */
record KatInputs(
        String serverName,
        String rootCommonName,
        Instant notBefore,
        int validityDays,
        List<byte[]> certificateAuthorityRandom,
        Instant clientClock,
        byte[] clientRandom,
        byte[] clientEphemeralPrivateKey,
        byte[] serverRandom,
        byte[] serverEphemeralPrivateKey,
        String applicationData) {

    /**
     * The inputs of {@code v2-known-answer.json}: counting bytes, so that each value is recognisable in the file;
     * certificates valid from 2020 for the longest validity the authority issues (36,500 days, into December 2119).
     */
    static final KatInputs PINNED = new KatInputs(
            "example-server",
            "minitls known-answer Root CA",
            Instant.parse("2020-01-01T00:00:00Z"),
            IssuanceRequest.MAX_VALIDITY_DAYS,
            List.of(counting(0x80, 32), counting(0xa0, 32), counting(0xc0, 16), counting(0xd0, 16)),
            Instant.parse("2026-01-01T00:00:00Z"),
            counting(0x00, 32),
            counting(0x20, 32),
            counting(0x40, 32),
            counting(0x60, 32),
            "hello v2");

    KatInputs {
        certificateAuthorityRandom = List.copyOf(certificateAuthorityRandom);
    }

    /** The certificates and server key {@link CertificateAuthority} issues from these inputs. */
    Pki issue() {
        IssuedMaterial issued = new CertificateAuthority(
                new FixedRandom(certificateAuthorityRandom.toArray(byte[][]::new)))
                .issue(new IssuanceRequest(rootCommonName, serverName, notBefore, validityDays));
        return new Pki(issued.rootCertificatePem(), issued.serverCertificatePem(), issued.serverPrivateKeyPem());
    }

    ObjectNode toJson() {
        ObjectNode json = KatJson.MAPPER.createObjectNode();
        json.put("server_name", serverName);
        json.put("root_common_name", rootCommonName);
        json.put("not_before", notBefore.toString());
        json.put("validity_days", validityDays);
        ArrayNode authorityRandom = json.putArray("certificate_authority_random");
        certificateAuthorityRandom.forEach(value -> authorityRandom.add(HEX.formatHex(value)));
        json.put("client_clock", clientClock.toString());
        json.put("client_random", HEX.formatHex(clientRandom));
        json.put("client_ephemeral_private_key", HEX.formatHex(clientEphemeralPrivateKey));
        json.put("server_random", HEX.formatHex(serverRandom));
        json.put("server_ephemeral_private_key", HEX.formatHex(serverEphemeralPrivateKey));
        json.put("application_data", applicationData);
        return json;
    }

    static KatInputs fromJson(JsonNode json) {
        List<byte[]> authorityRandom = new ArrayList<>();
        KatJson.array(json, "certificate_authority_random")
                .forEach(value -> authorityRandom.add(KatJson.hexValue(value, "certificate_authority_random")));
        return new KatInputs(
                KatJson.text(json, "server_name"),
                KatJson.text(json, "root_common_name"),
                instant(json, "not_before"),
                KatJson.integer(json, "validity_days"),
                authorityRandom,
                instant(json, "client_clock"),
                KatJson.hex(json, "client_random"),
                KatJson.hex(json, "client_ephemeral_private_key"),
                KatJson.hex(json, "server_random"),
                KatJson.hex(json, "server_ephemeral_private_key"),
                KatJson.text(json, "application_data"));
    }

    private static Instant instant(JsonNode json, String name) {
        try {
            return Instant.parse(KatJson.text(json, name));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("\"" + name + "\" must be an ISO-8601 instant such as 2020-01-01T00:00:00Z");
        }
    }

    /** {@code length} bytes counting up from {@code first}. */
    private static byte[] counting(int first, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }
}
