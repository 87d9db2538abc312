package dev.minitls.domain.trust;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6125 name matching: a DNS name of the certificate against the host the client asked for. */
class HostNamesTest {

    @ParameterizedTest(name = "{0} names {1}: {2}")
    @CsvSource({
        "example.com, example.com, true",
        "EXAMPLE.com, example.COM, true",
        "example.com, www.example.com, false",
        "*.example.com, a.example.com, true",
        "*.EXAMPLE.com, A.example.COM, true",
        "*.example.com, a.b.example.com, false",
        "*.example.com, example.com, false",
        "*.example.com, .example.com, false",
        "*.com, example.com, false",
        "*.com, com, false",
        "*, example, false",
        "f*.example.com, foo.example.com, false",
        "*o.example.com, foo.example.com, false",
        "a.*.example.com, a.b.example.com, false",
        "*.*.example.com, a.b.example.com, false",
        "*.example..com, a.example..com, false",
        "*.xn--caf-dma.example, a.xn--caf-dma.example, true",
        "*.example.com, xn--caf-dma.example.com, false",
        "*.example.com, XN--caf-dma.example.com, false",
        "xn--caf-dma.example.com, xn--caf-dma.example.com, true",
        "*.example.com, *.example.com, false",
        "*.0.0.1, 127.0.0.1, false",
        "127.0.0.1, 127.0.0.1, false",
        "*.168.1.1, 192.168.1.1, false",
        "'::1', '::1', false",
        "1.2.3.example, 1.2.3.example, true",
    })
    void matchesAsRfc6125Says(String certificateName, String host, boolean matches) {
        assertThat(HostNames.matches(certificateName, host)).isEqualTo(matches);
    }
}
