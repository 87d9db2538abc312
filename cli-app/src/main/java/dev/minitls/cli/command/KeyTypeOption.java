package dev.minitls.cli.command;

import dev.minitls.cli.runtime.UserError;
import dev.minitls.crypto.bc.KeyType;
import dev.minitls.domain.error.PeerText;
import picocli.CommandLine.Option;

/** {@code --key-type}: the kind of key of every certificate a command makes (certs, demo). */
public final class KeyTypeOption {

    @Option(names = "--key-type", defaultValue = "ed25519", paramLabel = "TYPE",
            description = "The kind of every key: ed25519, ecdsa-p256 or rsa-2048 (ECDSA and RSA servers speak "
                    + "TLS 1.3 only). Default: ${DEFAULT-VALUE}.")
    private String keyType;

    /**
     * The key type named.
     *
     * @throws UserError naming the known ones when it is none of them
     */
    KeyType type() {
        return KeyType.named(keyType).orElseThrow(() -> new UserError(
                "unknown key type " + PeerText.quote(keyType) + "; choose one of " + KeyType.names()));
    }
}
