package io.palisade.mgmt.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.mgmt.PemKeyStore;
import io.palisade.mgmt.testing.RunningNode;
import io.palisade.testkit.RepoPaths;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management listener over TLS with PEM files (the lab's example key pair). */
class TlsTest {
    @TempDir
    Path dir;

    @Test
    void servesHttpsWithPemCertificateAndKey() throws Exception {
        Path keys = RepoPaths.examples().resolve("keys");
        try (RunningNode node =
                RunningNode.start(dir, s -> s.withTls(keys.resolve("fw-a.crt"), keys.resolve("fw-a.key")))) {
            assertThat(node.url()).startsWith("https://127.0.0.1:");
            HttpsURLConnection c =
                    (HttpsURLConnection) node.uri("/api/v1/system").toURL().openConnection();
            c.setSSLSocketFactory(trusting(keys.resolve("fw-a.crt")).getSocketFactory());
            c.setHostnameVerifier((host, session) -> true); // the lab certificate names fw-a, not 127.0.0.1
            c.setRequestProperty("X-API-Key", RunningNode.KEY);
            assertThat(c.getResponseCode()).isEqualTo(HttpURLConnection.HTTP_OK);
            assertThat(c.getCipherSuite()).startsWith("TLS_");
            try (InputStream in = c.getInputStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .contains("\"hostname\":\"fw-a\"");
            }
        }
    }

    @Test
    void mismatchedOrNonPkcs8KeysAreExplained() throws Exception {
        Path keys = RepoPaths.examples().resolve("keys");
        Path notPem = dir.resolve("key.pem");
        Files.writeString(notPem, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        assertThatThrownBy(() -> PemKeyStore.load(keys.resolve("fw-a.crt"), notPem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PKCS#8");
        KeyStore store = PemKeyStore.load(keys.resolve("fw-b.crt"), keys.resolve("fw-b.key"));
        assertThat(store.containsAlias("management")).isTrue();
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(certificate)) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("node", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
