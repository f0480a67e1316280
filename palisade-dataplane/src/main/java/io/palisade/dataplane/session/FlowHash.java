package io.palisade.dataplane.session;

/**
 * Flow hashes. {@link #symmetric} gives both directions of a flow the same value, so it picks the worker that
 * owns a session whichever side a packet comes from; NAT port selection uses it to make a translated reply hash
 * back to the owner. {@link #directional} spreads keys of the session index.
 */
public final class FlowHash {
    private FlowHash() {}

    /**
     * Same value for (a, b, pa, pb) and (b, a, pb, pa). Built from 32-bit operations only (xor-folded addresses,
     * xor of the ports, the murmur3 32-bit finaliser), so the kernel can compute the very same value for IPv4 TCP
     * and UDP in the classic BPF program of the AF_PACKET fanout ({@code FlowOwnerBpf}) and deliver each packet
     * straight to the worker that owns its flow.
     */
    public static int symmetric(long aHi, long aLo, long bHi, long bLo, int portA, int portB, int protocol) {
        long hi = aHi ^ bHi;
        long lo = aLo ^ bLo;
        int x = (int) lo ^ (int) (lo >>> 32) ^ (int) hi ^ (int) (hi >>> 32);
        x ^= ((portA ^ portB) & 0xffff) << 16 ^ protocol;
        return fmix32(x);
    }

    /** The worker that owns a flow among {@code workers} (the kernel's fanout takes the same remainder). */
    public static int owner(int symmetricHash, int workers) {
        return Integer.remainderUnsigned(symmetricHash, workers);
    }

    /** The murmur3 32-bit finaliser. */
    static int fmix32(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ h >>> 16;
    }

    /** Hash of one direction's key for the session index. */
    public static long directional(
            long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort, int protocol, int zone) {
        long h = mix(srcLo * 0x9E3779B97F4A7C15L ^ dstLo);
        h = mix(h ^ srcHi * 0xC2B2AE3D27D4EB4FL ^ dstHi * 0x165667B19E3779F9L);
        return mix(h ^ ((long) srcPort << 48 | (long) dstPort << 32 | (long) protocol << 16 | zone));
    }

    /** The murmur3 64-bit finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
