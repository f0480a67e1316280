package io.palisade.ha.ha1;

import io.palisade.common.UserError;
import io.palisade.config.model.HaConfig;
import io.palisade.ha.tls.PinnedTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * How one HA1 peer connection is secured: pinned mutual TLS 1.3, or cleartext when the configuration says
 * {@code enabled: false} in so many words.
 */
public sealed interface Ha1Security {

    /** No encryption, no authentication beyond the peer address. */
    record Cleartext() implements Ha1Security {}

    /**
     * Mutual TLS 1.3 with the peer's certificate pinned.
     *
     * @param tls this node's key and the pinned peer certificate
     */
    record Tls(PinnedTls tls) implements Ha1Security {
        public Tls {
            Objects.requireNonNull(tls, "tls");
        }
    }

    /** Cleartext. */
    static Ha1Security cleartext() {
        return new Cleartext();
    }

    /**
     * From the {@code ha.ha1-encryption} block. Encryption is the default: an absent block, or one without its
     * files, is an error rather than a silent fall back to cleartext.
     *
     * @throws UserError naming what is missing or which file is wrong
     */
    static Ha1Security fromConfig(HaConfig.Ha1Encryption encryption) {
        if (encryption != null && !encryption.enabled()) {
            return cleartext();
        }
        if (encryption == null) {
            throw new UserError("ha.ha1-encryption is missing: HA1 is encrypted unless 'enabled: false' is written;"
                    + " give certificate, key and peer-certificate");
        }
        return new Tls(PinnedTls.load(
                required(encryption.certificate(), "certificate"),
                required(encryption.key(), "key"),
                required(encryption.peerCertificate(), "peer-certificate")));
    }

    private static Path required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new UserError("ha.ha1-encryption." + key + " is missing (HA1 encryption is enabled)");
        }
        return Path.of(value);
    }

    /**
     * Secures a socket this node connected; for TLS runs the handshake within {@code timeoutMs}.
     *
     * @throws PeerAuthenticationException when the handshake fails (certificate not pinned, no TLS, ...)
     */
    default Socket secureClient(Socket connected, InetSocketAddress peer, int timeoutMs)
            throws IOException, PeerAuthenticationException {
        return switch (this) {
            case Cleartext ignored -> connected;
            case Tls(PinnedTls tls) -> handshake(tls.client(connected, peer), timeoutMs);
        };
    }

    /** Secures a socket this node accepted; for TLS runs the handshake within {@code timeoutMs}. */
    default Socket secureServer(Socket accepted, int timeoutMs) throws IOException, PeerAuthenticationException {
        return switch (this) {
            case Cleartext ignored -> accepted;
            case Tls(PinnedTls tls) -> handshake(tls.server(accepted), timeoutMs);
        };
    }

    private static Socket handshake(SSLSocket socket, int timeoutMs) throws IOException, PeerAuthenticationException {
        int previousTimeout = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMs);
        try {
            socket.startHandshake();
        } catch (SocketTimeoutException e) {
            throw new PeerAuthenticationException("TLS handshake timed out after " + timeoutMs + " ms");
        } catch (SSLException e) {
            throw new PeerAuthenticationException("TLS handshake failed: " + Ha1Connection.rootMessage(e));
        }
        socket.setSoTimeout(previousTimeout);
        return socket;
    }
}
