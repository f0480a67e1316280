package io.palisade.ha.tls;

import io.palisade.common.UserError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * TLS 1.3 for one HA1 peer: this node presents its own certificate and accepts only the peer's pinned one, in
 * both roles, with client authentication required. Nothing else is negotiable: no older protocol, no CA.
 */
public final class PinnedTls {
    /** The only protocol offered or accepted. */
    public static final String PROTOCOL = "TLSv1.3";

    private final SSLContext context;
    private final X509Certificate own;
    private final PinnedTrustManager trust;

    private PinnedTls(SSLContext context, X509Certificate own, PinnedTrustManager trust) {
        this.context = context;
        this.own = own;
        this.trust = trust;
    }

    /** From in-memory material. */
    public static PinnedTls of(PrivateKey key, X509Certificate own, X509Certificate peer) {
        PinnedTrustManager trust = new PinnedTrustManager(peer);
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(
                    new KeyManager[] {new SingleKeyManager(key, own)}, new TrustManager[] {trust}, new SecureRandom());
            return new PinnedTls(context, own, trust);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot set up " + PROTOCOL + ": " + e.getMessage(), e);
        }
    }

    /**
     * From PEM files (as {@code ./palisade ha keygen} writes them).
     *
     * @throws UserError naming the file when one is missing, unreadable, malformed or does not match
     */
    public static PinnedTls load(Path certificateFile, Path keyFile, Path peerCertificateFile) {
        X509Certificate own = PemFiles.readCertificate(certificateFile, "certificate");
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        PemFiles.checkKeyMatches(key, keyFile, own, certificateFile);
        X509Certificate peer = PemFiles.readCertificate(peerCertificateFile, "peer certificate");
        return of(key, own, peer);
    }

    /** Wraps a connected socket as the TLS client; the caller runs the handshake. */
    public SSLSocket client(Socket connected, InetSocketAddress peer) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(connected, peer.getAddress().getHostAddress(), peer.getPort(), true);
        configure(socket, true);
        return socket;
    }

    /** Wraps an accepted socket as the TLS server; the caller runs the handshake. */
    public SSLSocket server(Socket accepted) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) accepted.getRemoteSocketAddress();
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(accepted, remote.getAddress().getHostAddress(), remote.getPort(), true);
        configure(socket, false);
        return socket;
    }

    /** SHA-256 fingerprint of this node's certificate (what the peer must pin). */
    public String ownFingerprint() {
        return Fingerprints.sha256Text(own);
    }

    /** SHA-256 fingerprint of the only peer certificate accepted. */
    public String peerFingerprint() {
        return trust.pinnedFingerprint();
    }

    private static void configure(SSLSocket socket, boolean client) {
        socket.setUseClientMode(client);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {PROTOCOL});
        if (!client) {
            parameters.setNeedClientAuth(true);
        }
        socket.setSSLParameters(parameters);
    }
}
