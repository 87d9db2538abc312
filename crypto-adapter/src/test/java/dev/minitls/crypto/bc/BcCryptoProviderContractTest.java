package dev.minitls.crypto.bc;

import dev.minitls.crypto.contract.CryptoProviderContract;
import dev.minitls.domain.port.CryptoProvider;

/** The provider contract, run against the Bouncy Castle provider. */
class BcCryptoProviderContractTest extends CryptoProviderContract {

    @Override
    protected CryptoProvider provider() {
        return new BcCryptoProvider();
    }
}
