package io.palisade.ha.tls;

import io.palisade.common.UserError;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * Makes an HA1 key pair: an EC P-256 key and a self-signed certificate whose common name is the node name. The
 * operator gives the certificate to the peer (which pins it) and keeps the key, mode 600. This is the library
 * behind {@code ./palisade ha keygen}.
 */
public final class HaKeygen {
    /** Long enough that an HA link never goes down on a date nobody remembers. */
    public static final Duration VALIDITY = Duration.ofDays(20 * 365);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<PosixFilePermission> KEY_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> CERTIFICATE_MODE = PosixFilePermissions.fromString("rw-r--r--");

    private HaKeygen() {}

    /**
     * What was written.
     *
     * @param keyFile {@code <name>.key}, PKCS#8 PEM, mode 600
     * @param certificateFile {@code <name>.crt}, X.509 PEM
     * @param fingerprint SHA-256 fingerprint of the certificate, {@code AB:CD:...}
     */
    public record Generated(Path keyFile, Path certificateFile, String fingerprint) {}

    /**
     * A key pair and its self-signed certificate.
     *
     * @param key the private key
     * @param certificate the certificate, CN = the name
     */
    public record KeyMaterial(PrivateKey key, X509Certificate certificate) {}

    /**
     * Writes {@code <name>.key} and {@code <name>.crt} into {@code dir} (created when missing).
     *
     * @param force replace existing files; otherwise an existing file is an error and nothing is written
     * @throws UserError for a bad name, an existing file without {@code force}, or a write failure
     */
    public static Generated generate(Path dir, String name, boolean force) {
        checkName(name);
        Path keyFile = dir.resolve(name + ".key");
        Path certificateFile = dir.resolve(name + ".crt");
        if (!force) {
            refuseExisting(keyFile);
            refuseExisting(certificateFile);
        }
        KeyMaterial material = create(name);
        String keyPem = pkcs8Pem(material.key());
        String certificatePem = PemFiles.toPem(material.certificate());
        try {
            Files.createDirectories(dir);
            writeAtomically(keyFile, keyPem, KEY_MODE);
            writeAtomically(certificateFile, certificatePem, CERTIFICATE_MODE);
        } catch (IOException e) {
            throw new UserError("cannot write the HA key pair into " + dir + ": " + e.getMessage());
        }
        return new Generated(keyFile, certificateFile, Fingerprints.sha256Text(material.certificate()));
    }

    /** A new key pair and certificate in memory. */
    public static KeyMaterial create(String name) {
        checkName(name);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new KeyMaterial(pair.getPrivate(), selfSign(name, pair));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key pair: " + e.getMessage(), e);
        }
    }

    /** {@code -----BEGIN PRIVATE KEY-----}: PKCS#8, unencrypted (the file mode protects it). */
    private static String pkcs8Pem(PrivateKey key) {
        try {
            return PemFiles.toPem(new JcaPKCS8Generator(key, null));
        } catch (PemGenerationException e) {
            throw new IllegalStateException("cannot encode the new key as PKCS#8: " + e.getMessage(), e);
        }
    }

    private static X509Certificate selfSign(String name, KeyPair pair)
            throws OperatorCreationException, CertIOException, GeneralSecurityException {
        X500Name subject =
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        subject,
                        new BigInteger(63, new SecureRandom()),
                        // An hour back: the peer's clock may be a little behind ours.
                        Date.from(now.minus(Duration.ofHours(1))),
                        Date.from(now.plus(VALIDITY)),
                        subject,
                        pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                }));
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new UserError("HA key name '" + name
                    + "' must be 1..64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static void refuseExisting(Path file) {
        if (Files.exists(file)) {
            throw new UserError(file + " already exists; use --force to replace it");
        }
    }

    /**
     * Writes through a temporary file created with its final mode, then renames it into place: the key is never
     * readable by others, not even for a moment, and a crash leaves the old file or the new one, whole.
     */
    private static void writeAtomically(Path target, String text, Set<PosixFilePermission> mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes =
                posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attributes);
        try {
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            if (posix) {
                // The umask may have narrowed the creation mode; set it exactly.
                Files.setPosixFilePermissions(temporary, mode);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
