package io.palisade.ha.tls;

import io.palisade.common.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes the PEM files of HA1 encryption. Every problem is a {@link UserError} that names the file
 * and says what is wrong with it, because these files are written and exchanged by hand.
 */
public final class PemFiles {
    private PemFiles() {}

    /** Reads an unencrypted private key: PKCS#8 ({@code BEGIN PRIVATE KEY}) or traditional EC/RSA. */
    public static PrivateKey readPrivateKey(Path file) {
        String text = readText(file, "key");
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw problem("key", file, "is not a PEM private key (" + e.getMessage() + ")");
        }
        if (parsed == null) {
            throw problem("key", file, "holds no PEM block (expected -----BEGIN PRIVATE KEY-----)");
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return switch (parsed) {
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
                case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted(file);
                case PEMEncryptedKeyPair ignored -> throw encrypted(file);
                default ->
                    throw problem("key", file, "holds a " + parsed.getClass().getSimpleName() + ", not a private key");
            };
        } catch (IOException e) {
            throw problem("key", file, "holds a private key this JDK cannot use (" + e.getMessage() + ")");
        }
    }

    /** Reads the first X.509 certificate of a PEM ({@code BEGIN CERTIFICATE}) or DER file. */
    public static X509Certificate readCertificate(Path file, String role) {
        byte[] bytes = readText(file, role).getBytes(StandardCharsets.US_ASCII);
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(bytes));
        } catch (CertificateException | RuntimeException e) {
            throw problem(role, file, "is not a PEM X.509 certificate (" + e.getMessage() + ")");
        }
    }

    /** Refuses a key that does not belong to the certificate: TLS would only fail later and less clearly. */
    public static void checkKeyMatches(PrivateKey key, Path keyFile, X509Certificate certificate, Path certFile) {
        String algorithm = signatureAlgorithm(key);
        if (algorithm == null) {
            return;
        }
        try {
            byte[] probe = "palisade-ha1-key-check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // Falls through: a key that cannot sign for this certificate does not match it.
        }
        throw new UserError("HA1 key file " + keyFile + " does not belong to the certificate in " + certFile);
    }

    /** PEM text of a key (PKCS#8) or certificate. */
    static String toPem(Object keyOrCertificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(keyOrCertificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
    }

    private static String readText(Path file, String role) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw problem(role, file, "does not exist");
        } catch (AccessDeniedException e) {
            throw problem(role, file, "cannot be read (permission denied)");
        } catch (IOException e) {
            throw problem(role, file, "cannot be read (" + e.getMessage() + ")");
        }
    }

    private static UserError encrypted(Path file) {
        return problem("key", file, "is encrypted; HA1 needs an unencrypted key protected by file mode 600");
    }

    private static UserError problem(String role, Path file, String what) {
        return new UserError("HA1 " + role + " file " + file + " " + what);
    }
}
