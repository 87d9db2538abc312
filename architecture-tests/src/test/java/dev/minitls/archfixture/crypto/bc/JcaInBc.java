package dev.minitls.archfixture.crypto.bc;

import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;

/** Breaks rule 4d: the bc provider computes a MAC with a JCA engine. */
public final class JcaInBc {

    int macLength() throws NoSuchAlgorithmException {
        return Mac.getInstance("HmacSHA256").getMacLength();
    }
}
