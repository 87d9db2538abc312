package dev.minitls.crypto.contract;

import static dev.minitls.crypto.contract.Vectors.concat;
import static dev.minitls.crypto.contract.Vectors.hex;

/** The SubjectPublicKeyInfo of a P-256 key share, written out by hand for the contract to compare with. */
final class KeyShareSpki {

    private KeyShareSpki() {
    }

    static byte[] of(byte[] uncompressedPoint) {
        return concat(hex("3059301306072a8648ce3d020106082a8648ce3d030107034200"), uncompressedPoint);
    }
}
