package dev.minitls.domain.trace;

import static dev.minitls.domain.trace.TraceValue.open;
import static dev.minitls.domain.trace.TraceValue.text;

import dev.minitls.domain.cert.Certificate;
import java.util.ArrayList;
import java.util.List;

/** What a learner wants to see of a certificate (seed step 2), as trace values. */
public final class CertificateValues {

    private CertificateValues() {
    }

    /**
     * Subject, issuer, validity, names, serial number, key and signature, each named so that it cannot be taken
     * for a handshake value (the certificate's signature is {@code certificate signature}, not {@code signature}).
     */
    public static List<TraceValue> of(Certificate certificate) {
        List<TraceValue> values = new ArrayList<>();
        values.add(text("subject", certificate.subjectText()));
        values.add(text("issuer", certificate.issuerText()));
        values.add(text("not before", certificate.notBefore().toString()));
        values.add(text("not after", certificate.notAfter().toString()));
        values.add(text("names", names(certificate)));
        values.add(text("serial number", certificate.serialNumber().toString(16)));
        values.add(text("key algorithm", certificate.keyAlgorithm()));
        values.add(open("public key", certificate.publicKey()));
        values.add(text("signature algorithm", certificate.signatureAlgorithm()));
        values.add(open("certificate signature", certificate.signature()));
        return values;
    }

    /** {@code CN=example-server, DNS:example-server}, or {@code none}. */
    private static String names(Certificate certificate) {
        List<String> names = new ArrayList<>();
        certificate.commonName().ifPresent(cn -> names.add("CN=" + cn));
        certificate.dnsNames().forEach(dns -> names.add("DNS:" + dns));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
