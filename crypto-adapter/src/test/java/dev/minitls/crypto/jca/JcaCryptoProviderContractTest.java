package dev.minitls.crypto.jca;

import dev.minitls.crypto.contract.CryptoProviderContract;
import dev.minitls.domain.port.CryptoProvider;

/** The provider contract, run against the JDK provider. */
class JcaCryptoProviderContractTest extends CryptoProviderContract {

    @Override
    protected CryptoProvider provider() {
        return new JcaCryptoProvider();
    }
}
