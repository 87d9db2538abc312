package dev.minitls.transport.json;

/** The member names of protocol v2's JSON objects. */
final class V2Members {

    static final String TYPE = "type";
    static final String VERSION = "version";
    static final String RANDOM = "random";
    static final String KEY_SHARE = "key_share";
    static final String SUITE = "suite";
    static final String SERVER_NAME = "server_name";
    static final String CERTIFICATE = "certificate";
    static final String SIGNATURE = "signature";
    static final String VERIFY_DATA = "verify_data";
    static final String SEQ = "seq";
    static final String CIPHERTEXT = "ciphertext";
    static final String ALERT = "alert";

    private V2Members() {
    }
}
