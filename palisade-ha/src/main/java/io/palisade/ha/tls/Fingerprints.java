package io.palisade.ha.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** SHA-256 certificate fingerprints, written as OpenSSL does: {@code AB:CD:...}. */
public final class Fingerprints {
    private Fingerprints() {}

    /** SHA-256 over the DER encoding of the certificate. */
    public static byte[] sha256(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The fingerprint as colon-separated upper-case hex. */
    public static String format(byte[] fingerprint) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(fingerprint);
    }

    /** {@code format(sha256(certificate))}. */
    public static String sha256Text(X509Certificate certificate) {
        return format(sha256(certificate));
    }
}
