package io.palisade.ha.ha1;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 digest of the shared (synchronised) part of a running configuration. Peers compare digests in
 * hellos to see whether their configurations agree without sending them.
 */
public final class ConfigDigest {
    /** Bytes in a digest. */
    public static final int LENGTH = 32;

    /** All zeros: a node that has no running configuration yet. */
    public static final ConfigDigest NONE = new ConfigDigest(new byte[LENGTH]);

    private final byte[] bytes;

    private ConfigDigest(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of exactly {@value #LENGTH} bytes. */
    public static ConfigDigest of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a config digest has " + LENGTH + " bytes, not " + bytes.length);
        }
        return new ConfigDigest(bytes.clone());
    }

    /** SHA-256 of the UTF-8 text. */
    public static ConfigDigest sha256Of(String text) {
        try {
            return new ConfigDigest(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A copy of the digest bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigDigest other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
