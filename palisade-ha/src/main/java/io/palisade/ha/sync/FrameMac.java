package io.palisade.ha.sync;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) over a frame, truncated to {@link Ha2Codec#MAC_BYTES}, without allocating: two
 * {@link MessageDigest}s fed the padded key blocks by hand (the JDK's {@code Mac.doFinal} allocates per call). Not
 * thread-safe: each sending worker and the HA2 agent thread have their own.
 */
final class FrameMac {
    private static final int BLOCK = 64;
    private static final int DIGEST = 32;

    private final MessageDigest digest;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] scratch = new byte[DIGEST];

    FrameMac(byte[] key) {
        digest = sha256();
        byte[] k = key.length > BLOCK ? digest.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
    }

    /** Writes the truncated HMAC of {@code buf[off .. off+len)} at {@code out[outOff]}. */
    void sign(byte[] buf, int off, int len, byte[] out, int outOff) {
        compute(buf, off, len);
        System.arraycopy(scratch, 0, out, outOff, Ha2Codec.MAC_BYTES);
    }

    /** Whether the truncated HMAC of {@code buf[off .. off+len)} is the one at {@code buf[macOff]}; constant time. */
    boolean verify(byte[] buf, int off, int len, int macOff) {
        compute(buf, off, len);
        int diff = 0;
        for (int i = 0; i < Ha2Codec.MAC_BYTES; i++) {
            diff |= scratch[i] ^ buf[macOff + i];
        }
        return diff == 0;
    }

    private void compute(byte[] buf, int off, int len) {
        try {
            digest.update(innerPad);
            digest.update(buf, off, len);
            digest.digest(scratch, 0, DIGEST);
            digest.update(outerPad);
            digest.update(scratch, 0, DIGEST);
            digest.digest(scratch, 0, DIGEST);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 refused a 32-byte output buffer", e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
