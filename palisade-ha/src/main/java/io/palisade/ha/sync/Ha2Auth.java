package io.palisade.ha.sync;

import io.palisade.common.UserError;
import io.palisade.config.model.HaConfig;
import io.palisade.ha.tls.Fingerprints;
import io.palisade.ha.tls.PemFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may send HA2 frames to this node and how frames are authenticated. With the nodes' HA1 key pairs the frame key
 * comes from a static-static ECDH between this node's private key and the peer's certified public key (both nodes
 * reach the same secret, nobody without one of the two private keys can), run through HKDF-SHA256 with the two
 * certificate fingerprints, sorted, as context. Sender ids are the first four bytes of each certificate's SHA-256
 * fingerprint, so both nodes know both ids without configuring them. {@code docs/design/ha2-protocol.md} says what
 * this protects against and what it does not.
 */
public final class Ha2Auth {
    private static final Logger LOG = LoggerFactory.getLogger(Ha2Auth.class);
    private static final byte[] SALT = "palisade-ha2-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_BYTES = 32;

    private final byte[] key;
    private final long localSenderId;
    private final long peerSenderId;
    private final String mode;

    private Ha2Auth(byte[] key, long localSenderId, long peerSenderId, String mode) {
        if (localSenderId <= 0 || localSenderId > 0xffffffffL || peerSenderId < 0 || peerSenderId > 0xffffffffL) {
            throw new IllegalArgumentException("sender ids must be u32, the local one non-zero");
        }
        if (localSenderId == peerSenderId) {
            throw new IllegalArgumentException("local and peer sender id are both " + localSenderId);
        }
        this.key = key;
        this.localSenderId = localSenderId;
        this.peerSenderId = peerSenderId;
        this.mode = mode;
    }

    /**
     * Authenticated frames keyed from the HA1 key pairs (ECDH when both keys are EC, as {@code ha keygen} makes
     * them; otherwise from the certificates alone, which only guards against mistakes: see the design note).
     */
    public static Ha2Auth fromKeys(PrivateKey ownKey, X509Certificate own, X509Certificate peer) {
        byte[] ownFingerprint = Fingerprints.sha256(own);
        byte[] peerFingerprint = Fingerprints.sha256(peer);
        if (Arrays.equals(ownFingerprint, peerFingerprint)) {
            throw new UserError("HA2: this node and its peer use the same certificate; each needs its own");
        }
        byte[] info = sortedConcat(ownFingerprint, peerFingerprint);
        byte[] secret = ecdh(ownKey, peer.getPublicKey());
        String mode = secret == null ? "hmac-sha256 (certificate fingerprints only)" : "hmac-sha256 (ecdh)";
        if (secret == null) {
            LOG.warn("HA2 frames are keyed from the two certificates only (the HA1 keys are not both EC on one curve):"
                    + " this catches mistakes, not attackers, who can read certificates; use EC keys (ha keygen)");
        }
        byte[] ikm = secret == null ? info : secret;
        return new Ha2Auth(hkdf(ikm, info), senderId(ownFingerprint), senderId(peerFingerprint), mode);
    }

    /**
     * From the {@code ha.ha1-encryption} block: the HA1 key pair authenticates HA2 too. Cleartext HA1 leaves HA2
     * unauthenticated (address pinning only), with a random local sender id and any peer id accepted.
     *
     * @throws UserError naming the file when one is missing or wrong
     */
    public static Ha2Auth fromConfig(HaConfig.Ha1Encryption encryption) {
        if (encryption == null || !encryption.enabled()) {
            return none(randomSenderId(), 0);
        }
        Path certificateFile = Path.of(encryption.certificate());
        X509Certificate own = PemFiles.readCertificate(certificateFile, "certificate");
        PrivateKey key = PemFiles.readPrivateKey(Path.of(encryption.key()));
        PemFiles.checkKeyMatches(key, Path.of(encryption.key()), own, certificateFile);
        X509Certificate peer = PemFiles.readCertificate(Path.of(encryption.peerCertificate()), "peer certificate");
        return fromKeys(key, own, peer);
    }

    /** A key both nodes were given some other way (tests, benchmarks). */
    public static Ha2Auth sharedKey(byte[] key, long localSenderId, long peerSenderId) {
        if (key.length < 16) {
            throw new IllegalArgumentException("an HA2 key needs at least 16 bytes");
        }
        return new Ha2Auth(key.clone(), localSenderId, peerSenderId, "hmac-sha256 (shared key)");
    }

    /**
     * No HMAC. {@code peerSenderId} 0 accepts any sender id but this node's own.
     */
    public static Ha2Auth none(long localSenderId, long peerSenderId) {
        return new Ha2Auth(null, localSenderId, peerSenderId, "none");
    }

    /** Whether frames carry and must carry an HMAC. */
    public boolean authenticated() {
        return key != null;
    }

    public long localSenderId() {
        return localSenderId;
    }

    /** The only sender id accepted, or 0 for any (unauthenticated only). */
    public long peerSenderId() {
        return peerSenderId;
    }

    /** For the status: {@code hmac-sha256 (ecdh)}, {@code none}, ... */
    public String mode() {
        return mode;
    }

    /** A MAC for one thread, or null when frames are not authenticated. */
    FrameMac newMac() {
        return key == null ? null : new FrameMac(key);
    }

    private static byte[] ecdh(PrivateKey own, PublicKey peer) {
        if (!(own instanceof ECPrivateKey ecOwn) || !(peer instanceof ECPublicKey ecPeer)) {
            return null;
        }
        if (!ecOwn.getParams().getCurve().equals(ecPeer.getParams().getCurve())) {
            return null;
        }
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(own);
            agreement.doPhase(peer, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDH over the HA1 keys failed: " + e.getMessage(), e);
        }
    }

    /** RFC 5869 HKDF-SHA256, one output block. */
    static byte[] hkdf(byte[] ikm, byte[] info) {
        try {
            Mac extract = Mac.getInstance("HmacSHA256");
            extract.init(new SecretKeySpec(SALT, "HmacSHA256"));
            byte[] prk = extract.doFinal(ikm);
            Mac expand = Mac.getInstance("HmacSHA256");
            expand.init(new SecretKeySpec(prk, "HmacSHA256"));
            expand.update(info);
            expand.update((byte) 1);
            return Arrays.copyOf(expand.doFinal(), KEY_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static byte[] sortedConcat(byte[] a, byte[] b) {
        byte[] first = Arrays.compareUnsigned(a, b) <= 0 ? a : b;
        byte[] second = first == a ? b : a;
        byte[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    private static long senderId(byte[] fingerprint) {
        long id = WireBytes.getU32(fingerprint, 0);
        return id == 0 ? 1 : id;
    }

    private static long randomSenderId() {
        return 1 + (new SecureRandom().nextInt() & 0x7fff_fffeL);
    }
}
