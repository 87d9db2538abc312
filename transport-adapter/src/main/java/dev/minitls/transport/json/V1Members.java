package dev.minitls.transport.json;

import java.util.List;

/** The member names of protocol v1's JSON objects, each list in the order the original program writes them. */
final class V1Members {

    static final String CLIENT_RANDOM = "ClientRandom";
    static final String SERVER_RANDOM = "ServerRandom";
    static final String VERSION = "Version";
    static final String EPH_PUB_KEY = "EphPubKey";
    static final String SUITE = "Suite";
    static final String SERVER_NAME = "ServerName";
    static final String SEQ = "Seq";
    static final String CIPHERTEXT = "Ciphertext";

    static final List<String> CLIENT_HELLO = List.of(CLIENT_RANDOM, VERSION, EPH_PUB_KEY, SUITE, SERVER_NAME);
    static final List<String> SERVER_HELLO = List.of(SERVER_RANDOM, VERSION, EPH_PUB_KEY, SUITE);
    static final List<String> APPLICATION_RECORD = List.of(SEQ, CIPHERTEXT);

    private V1Members() {
    }
}
