package io.palisade.ha.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class PinnedTrustManagerTest {
    private static final X509Certificate PEER = HaKeygen.create("peer").certificate();
    private static final X509Certificate OTHER = HaKeygen.create("peer").certificate();

    private final PinnedTrustManager trust = new PinnedTrustManager(PEER);

    @Test
    void acceptsThePinnedCertificateInBothRoles() {
        assertThatCode(() -> trust.checkClientTrusted(new X509Certificate[] {PEER}, "EC"))
                .doesNotThrowAnyException();
        assertThatCode(() -> trust.checkServerTrusted(new X509Certificate[] {PEER}, "EC"))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnotherCertificateEvenWithTheSameName() {
        assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[] {OTHER}, "EC"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("CN=peer")
                .hasMessageContaining(Fingerprints.sha256Text(OTHER))
                .hasMessageContaining("is not the pinned peer certificate (SHA-256 " + Fingerprints.sha256Text(PEER));
        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {OTHER, PEER}, "EC"))
                .as("the pinned certificate further down a chain does not count")
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void refusesAnEmptyChain() {
        assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[0], "EC"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("no certificate");
    }

    @Test
    void namesNoIssuersSoTheClientAlwaysPresentsItsCertificate() {
        assertThat(trust.getAcceptedIssuers()).isEmpty();
    }
}
