package dev.minitls.crypto.fast;

import dev.minitls.crypto.contract.CryptoProviderContract;
import dev.minitls.domain.port.CryptoProvider;

/** The provider contract, run against the combined provider. */
class FastCryptoProviderContractTest extends CryptoProviderContract {

    @Override
    protected CryptoProvider provider() {
        return new FastCryptoProvider();
    }
}
