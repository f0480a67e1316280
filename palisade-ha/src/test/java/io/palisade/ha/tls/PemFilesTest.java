package io.palisade.ha.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileIsNamedInTheError() {
        Path missing = dir.resolve("nope.key");

        assertThatThrownBy(() -> PemFiles.readPrivateKey(missing))
                .isInstanceOf(UserError.class)
                .hasMessage("HA1 key file " + missing + " does not exist");
        assertThatThrownBy(() -> PemFiles.readCertificate(dir.resolve("peer.crt"), "peer certificate"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("HA1 peer certificate file " + dir.resolve("peer.crt"));
    }

    @Test
    void garbageIsNamedInTheError() throws Exception {
        Path key = Files.writeString(dir.resolve("junk.key"), "this is not PEM\n");
        Path certificate = Files.writeString(dir.resolve("junk.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n");

        assertThatThrownBy(() -> PemFiles.readPrivateKey(key))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("HA1 key file " + key)
                .hasMessageContaining("no PEM block");
        assertThatThrownBy(() -> PemFiles.readCertificate(certificate, "certificate"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("HA1 certificate file " + certificate + " is not a PEM X.509 certificate");
    }

    @Test
    void aCertificateWhereTheKeyShouldBeIsRefused() {
        HaKeygen.Generated a = HaKeygen.generate(dir, "a", false);

        assertThatThrownBy(() -> PemFiles.readPrivateKey(a.certificateFile()))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("not a private key");
    }

    @Test
    void aKeyFromAnotherPairDoesNotMatchTheCertificate() {
        HaKeygen.Generated a = HaKeygen.generate(dir, "a", false);
        HaKeygen.Generated b = HaKeygen.generate(dir, "b", false);
        PrivateKey keyOfB = PemFiles.readPrivateKey(b.keyFile());
        X509Certificate certificateOfA = PemFiles.readCertificate(a.certificateFile(), "certificate");

        assertThatThrownBy(() -> PemFiles.checkKeyMatches(keyOfB, b.keyFile(), certificateOfA, a.certificateFile()))
                .isInstanceOf(UserError.class)
                .hasMessage("HA1 key file " + b.keyFile() + " does not belong to the certificate in "
                        + a.certificateFile());
        assertThatThrownBy(() -> PinnedTls.load(a.certificateFile(), b.keyFile(), b.certificateFile()))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("does not belong");
    }

    @Test
    void loadsMatchingFilesIntoAPinnedContext() {
        HaKeygen.Generated a = HaKeygen.generate(dir, "a", false);
        HaKeygen.Generated b = HaKeygen.generate(dir, "b", false);

        PinnedTls tls = PinnedTls.load(a.certificateFile(), a.keyFile(), b.certificateFile());

        assertThat(tls.ownFingerprint()).isEqualTo(a.fingerprint());
        assertThat(tls.peerFingerprint()).isEqualTo(b.fingerprint());
    }
}
