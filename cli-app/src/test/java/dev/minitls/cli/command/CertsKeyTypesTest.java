package dev.minitls.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minitls.cli.inspect.Inspector;
import dev.minitls.cli.inspect.Inspector.Inspection;
import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.support.Subprocess;
import dev.minitls.crypto.bc.BcCryptoProvider;
import dev.minitls.crypto.bc.KeyType;
import dev.minitls.domain.cert.Certificate;
import dev.minitls.domain.pem.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code minitls certs --key-type ed25519|ecdsa-p256|rsa-2048 [--intermediate]}: the files it writes, what
 * {@code inspect} reads in each, and {@code openssl verify -CAfile root [-untrusted intermediate] server} on them
 * (skipped with a message when openssl is absent).
 */
class CertsKeyTypesTest {

    @TempDir
    Path dir;

    static Stream<Arguments> keyTypesWithAndWithoutAnIntermediate() {
        return Arrays.stream(KeyType.values()).flatMap(type -> Stream.of(Arguments.of(type, false),
                Arguments.of(type, true)));
    }

    @ParameterizedTest
    @MethodSource("keyTypesWithAndWithoutAnIntermediate")
    void certsWritesTheLayoutWithTheServersChainFileAndInspectReadsEveryFile(KeyType type, boolean intermediate)
            throws IOException {
        PkiFiles pki = certs(type, intermediate);
        List<Path> intermediateFiles = List.of(pki.intermediateCertificate(), pki.intermediatePublicKey(),
                pki.intermediatePrivateKey());
        assertThat(intermediateFiles).allMatch(file -> Files.exists(file) == intermediate);
        assertThat(Files.getPosixFilePermissions(pki.serverPrivateKey()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        BcCryptoProvider crypto = new BcCryptoProvider();
        List<byte[]> chain = Pem.decodeAll(Pem.CERTIFICATE, Files.readAllBytes(pki.serverCertificate()), 8);
        Certificate server = crypto.parseCertificate(chain.get(0));
        assertThat(server.keyAlgorithm()).isEqualTo(switch (type) {
            case ED25519 -> Certificate.ED25519;
            case ECDSA_P256 -> "EC P-256";
            case RSA_2048 -> "RSA";
        });
        if (intermediate) {
            assertThat(chain).hasSize(2);
            assertThat(chain.get(1)).isEqualTo(Pem.decode(Pem.CERTIFICATE,
                    Files.readAllBytes(pki.intermediateCertificate())));
            assertThat(server.issuer()).isEqualTo(crypto.parseCertificate(chain.get(1)).subject());
        } else {
            assertThat(chain).hasSize(1);
        }
        assertThat(crypto.signingKey(Pem.decode("PRIVATE KEY", Files.readAllBytes(pki.serverPrivateKey())))
                .publicKey()).isEqualTo(server.publicKey());

        Inspector inspector = new Inspector(crypto, Clock.systemUTC());
        List<Path> files = new ArrayList<>(List.of(pki.rootCertificate(), pki.rootPublicKey(), pki.rootPrivateKey(),
                pki.serverCertificate(), pki.serverPublicKey(), pki.serverPrivateKey()));
        if (intermediate) {
            files.addAll(intermediateFiles);
        }
        for (Path file : files) {
            Inspection inspection = inspector.inspect(file.toString(), Files.readAllBytes(file), Optional.empty());
            assertThat(inspection.lines()).as(file.toString()).first().asString().startsWith(file + ": ");
        }
        List<String> serverLines = inspector.inspect("server", Files.readAllBytes(pki.serverCertificate()),
                Optional.empty()).lines();
        assertThat(serverLines).first().isEqualTo(intermediate
                ? "server: X.509 certificate 1 of 2 (the server's)" : "server: X.509 certificate");
        List<String> keyLines = inspector.inspect("key", Files.readAllBytes(pki.serverPrivateKey()),
                Optional.empty()).lines();
        assertThat(keyLines).anyMatch(line -> line.startsWith("  signs with") && line.contains(switch (type) {
            case ED25519 -> "ed25519";
            case ECDSA_P256 -> "ecdsa_secp256r1_sha256 (TLS 1.3 only)";
            case RSA_2048 -> "rsa_pss_rsae_sha256, rsa_pss_rsae_sha384, rsa_pss_rsae_sha512 (TLS 1.3 only)";
        }));
    }

    @ParameterizedTest
    @MethodSource("keyTypesWithAndWithoutAnIntermediate")
    void opensslVerifiesTheServerCertificateAgainstTheRoot(KeyType type, boolean intermediate) throws Exception {
        assumeTrue(opensslAvailable(), "skipped: openssl is not available");
        PkiFiles pki = certs(type, intermediate);
        List<String> command = new ArrayList<>(List.of("openssl", "verify", "-CAfile",
                pki.rootCertificate().toString()));
        if (intermediate) {
            command.addAll(List.of("-untrusted", pki.intermediateCertificate().toString()));
        }
        command.add(pki.serverCertificate().toString());
        Subprocess verify = Subprocess.start(dir, command);

        assertThat(verify.awaitExit()).as(verify.printed()).isZero();
        assertThat(verify.stdout()).containsExactly(pki.serverCertificate() + ": OK");
    }

    @Test
    void replacingAPkiWithAnIntermediateByOneWithoutLeavesNoIntermediateFiles() throws IOException {
        PkiFiles pki = certs(KeyType.ECDSA_P256, true);
        assertThat(pki.intermediateCertificate()).exists();

        assertThat(new CommandLine(new CertsCommand()).execute("--dir", dir.toString(), "--force")).isZero();

        assertThat(List.of(pki.intermediateCertificate(), pki.intermediatePublicKey(), pki.intermediatePrivateKey()))
                .noneMatch(Files::exists);
        assertThat(Pem.decodeAll(Pem.CERTIFICATE, Files.readAllBytes(pki.serverCertificate()), 8)).hasSize(1);
    }

    @Test
    void anUnknownKeyTypeIsRefusedNamingTheChoices() throws Exception {
        Subprocess refused = Subprocess.minitls(dir, "certs", "--key-type", "dsa");

        assertThat(refused.awaitExit()).as(refused.printed()).isEqualTo(1);
        assertThat(refused.stderr()).singleElement().asString().isEqualTo(
                "minitls: unknown key type \"dsa\"; choose one of ed25519, ecdsa-p256, rsa-2048");
        assertThat(dir.resolve("certs")).doesNotExist();
    }

    private PkiFiles certs(KeyType type, boolean intermediate) {
        List<String> args = new ArrayList<>(List.of("--dir", dir.toString(), "--key-type", type.toString()));
        if (intermediate) {
            args.add("--intermediate");
        }
        assertThat(new CommandLine(new CertsCommand()).execute(args.toArray(String[]::new))).isZero();
        return new PkiFiles(dir);
    }

    private static boolean opensslAvailable() throws InterruptedException {
        try {
            return Subprocess.start(Path.of("."), List.of("openssl", "version")).awaitExit() == 0;
        } catch (IOException noOpenssl) {
            return false;
        }
    }
}
