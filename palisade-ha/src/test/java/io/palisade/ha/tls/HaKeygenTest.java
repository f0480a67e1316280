package io.palisade.ha.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaKeygenTest {
    @TempDir
    Path dir;

    @Test
    void writesAPkcs8KeyWithMode600AndASelfSignedCertificate() throws Exception {
        HaKeygen.Generated generated = HaKeygen.generate(dir, "fw-a", false);

        assertThat(generated.keyFile()).isEqualTo(dir.resolve("fw-a.key"));
        assertThat(generated.certificateFile()).isEqualTo(dir.resolve("fw-a.crt"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(generated.keyFile())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(generated.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(generated.certificateFile())).startsWith("-----BEGIN CERTIFICATE-----");

        X509Certificate certificate = PemFiles.readCertificate(generated.certificateFile(), "certificate");
        PrivateKey key = PemFiles.readPrivateKey(generated.keyFile());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=fw-a");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.verify(certificate.getPublicKey());
        assertThat(key).isInstanceOf(ECPrivateKey.class);
        assertThat(((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
        assertThat(certificate.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(10 * 365)));
        assertThat(generated.fingerprint())
                .isEqualTo(Fingerprints.sha256Text(certificate))
                .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        PemFiles.checkKeyMatches(key, generated.keyFile(), certificate, generated.certificateFile());
    }

    @Test
    void refusesToOverwriteAndLeavesTheFilesAlone() throws Exception {
        HaKeygen.generate(dir, "fw-a", false);
        byte[] key = Files.readAllBytes(dir.resolve("fw-a.key"));
        byte[] certificate = Files.readAllBytes(dir.resolve("fw-a.crt"));

        assertThatThrownBy(() -> HaKeygen.generate(dir, "fw-a", false))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(dir.resolve("fw-a.key").toString())
                .hasMessageContaining("already exists");
        assertThat(Files.readAllBytes(dir.resolve("fw-a.key"))).isEqualTo(key);
        assertThat(Files.readAllBytes(dir.resolve("fw-a.crt"))).isEqualTo(certificate);
    }

    @Test
    void refusesWhenOnlyTheCertificateExists() throws Exception {
        Files.writeString(dir.resolve("fw-b.crt"), "precious");

        assertThatThrownBy(() -> HaKeygen.generate(dir, "fw-b", false))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("fw-b.crt already exists");
        assertThat(dir.resolve("fw-b.key")).doesNotExist();
    }

    @Test
    void forceReplacesBothFilesWithANewKeyStillMode600() throws Exception {
        HaKeygen.Generated first = HaKeygen.generate(dir, "fw-a", false);
        Files.setPosixFilePermissions(first.keyFile(), PosixFilePermissions.fromString("rw-r--r--"));

        HaKeygen.Generated second = HaKeygen.generate(dir, "fw-a", true);

        assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second.keyFile())))
                .isEqualTo("rw-------");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .as("no temporary files left behind")
                    .containsExactlyInAnyOrder("fw-a.key", "fw-a.crt");
        }
    }

    @Test
    void createsTheDirectoryWhenMissing() {
        Path nested = dir.resolve("etc/palisade/ha");

        HaKeygen.Generated generated = HaKeygen.generate(nested, "node1", false);

        assertThat(generated.keyFile()).exists();
    }

    @Test
    void refusesNamesThatAreNotPlainFileNames() {
        for (String bad : new String[] {"", "../evil", "a/b", ".hidden", "has space", "x".repeat(65)}) {
            assertThatThrownBy(() -> HaKeygen.generate(dir, bad, false))
                    .as(bad)
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("HA key name");
        }
        assertThat(dir).isEmptyDirectory();
    }
}
