package dev.minitls.crypto.jca;

import dev.minitls.crypto.contract.CryptoProviderContract;
import dev.minitls.domain.port.CryptoProvider;
import java.util.Set;

/** The provider contract, run against the JDK provider. */
class JcaCryptoProviderContractTest extends CryptoProviderContract {

    @Override
    protected CryptoProvider provider() {
        return new JcaCryptoProvider();
    }

    /**
     * JDK 17's SunEC refuses these two valid signatures, whose u1 * G + u2 * Q has an X of n or more ("k*G has a
     * large x-coordinate"): a false negative that a real signer meets about once in 2^128 signatures, and the reason
     * {@code fast} takes ECDSA from Bouncy Castle.
     */
    @Override
    protected Set<Integer> ecdsaValidCasesRefused() {
        return Set.of(350, 479);
    }
}
