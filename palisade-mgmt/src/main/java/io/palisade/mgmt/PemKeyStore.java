package io.palisade.mgmt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Turns a PEM certificate chain and a PKCS#8 PEM private key ({@code BEGIN PRIVATE KEY}, as {@code ./palisade ha
 * keygen} and {@code openssl genpkey} write) into an in-memory key store for Jetty.
 */
public final class PemKeyStore {
    /** Password of the in-memory store; it never reaches a disk. */
    static final String PASSWORD = "palisade-management";

    private PemKeyStore() {}

    /** A PKCS#12 key store holding the key under alias {@code management}. */
    public static KeyStore load(Path certificateFile, Path keyFile) {
        try {
            List<? extends Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificateFile)))
                    .stream()
                    .toList();
            if (chain.isEmpty()) {
                throw new IllegalArgumentException(certificateFile + " holds no PEM certificate");
            }
            byte[] der = pemBody(Files.readString(keyFile, StandardCharsets.UTF_8), keyFile);
            // The certificate says which algorithm the key is for (EC, RSA, Ed25519).
            String algorithm = chain.getFirst().getPublicKey().getAlgorithm();
            PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("management", key, PASSWORD.toCharArray(), chain.toArray(Certificate[]::new));
            return store;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read management TLS files: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "management TLS key " + keyFile + " does not fit certificate " + certificateFile + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static byte[] pemBody(String pem, Path file) {
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException(file
                    + " is not a PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with openssl pkcs8 -topk8 -nocrypt");
        }
        return Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
    }
}
