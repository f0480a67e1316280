package io.palisade.ha.tls;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one certificate: the configured peer's, compared byte for byte through its SHA-256 fingerprint.
 * There is no CA, no chain building and no host-name check: the pin is the whole trust decision, as with
 * PAN-OS HA key import. Validity dates are not checked either, so that an HA link does not go down on a date;
 * operators rotate keys with {@code ./palisade ha keygen}. Extending {@link X509ExtendedTrustManager} keeps JSSE
 * from wrapping it with checks of its own.
 */
public final class PinnedTrustManager extends X509ExtendedTrustManager {
    private final X509Certificate pinned;
    private final byte[] pinnedFingerprint;

    public PinnedTrustManager(X509Certificate pinned) {
        this.pinned = pinned;
        this.pinnedFingerprint = Fingerprints.sha256(pinned);
    }

    /** The fingerprint of the only certificate accepted. */
    public String pinnedFingerprint() {
        return Fingerprints.format(pinnedFingerprint);
    }

    /** Refuses every chain whose leaf is not the pinned certificate. */
    public void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer presented no certificate");
        }
        byte[] presented = Fingerprints.sha256(chain[0]);
        if (!MessageDigest.isEqual(presented, pinnedFingerprint)) {
            throw new CertificateException("certificate "
                    + chain[0].getSubjectX500Principal().getName()
                    + " (SHA-256 " + Fingerprints.format(presented) + ") is not the pinned peer certificate (SHA-256 "
                    + pinnedFingerprint() + ")");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    /**
     * Empty on purpose: a server that names acceptable issuers makes the client's key manager look for a match;
     * with none named, the client always presents its one certificate and the refusal, if any, says why.
     */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    @Override
    public String toString() {
        return "pinned " + pinned.getSubjectX500Principal().getName() + " SHA-256 " + pinnedFingerprint();
    }
}
