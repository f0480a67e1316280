package io.palisade.linux.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class EchoMessageTest {
    @Test
    void ipv4RequestsCarryIdentifierSequenceAndAValidChecksum() {
        MemorySegment message = MemorySegment.ofArray(new byte[64]);
        int length = EchoMessage.writeRequest(message, false, 0xbeef, 0x1234);
        assertThat(length).isEqualTo(32);
        assertThat(EchoMessage.type(message, 0)).isEqualTo(8);
        assertThat(EchoMessage.identifier(message, 0)).isEqualTo(0xbeef);
        assertThat(EchoMessage.sequence(message, 0)).isEqualTo(0x1234);
        // A message including its checksum sums to zero.
        assertThat(EchoMessage.checksum(message, 0, length)).isZero();
    }

    @Test
    void ipv6RequestsLeaveTheChecksumToTheKernel() {
        MemorySegment message = MemorySegment.ofArray(new byte[64]);
        EchoMessage.writeRequest(message, true, 1, 2);
        assertThat(EchoMessage.type(message, 0)).isEqualTo(128);
        assertThat(message.get(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, 2))
                .isZero();
    }

    @Test
    void checksumMatchesTheRfc1071Example() {
        byte[] data = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertThat(EchoMessage.checksum(MemorySegment.ofArray(data), 0, data.length))
                .isEqualTo((short) ~0xddf2);
    }

    @Test
    void pendingRequestsAreMatchedBySequenceAndExpireByAge() throws Exception {
        PendingEchoes pending = new PendingEchoes(4);
        InetAddress target = InetAddress.getByName("198.18.0.9");
        assertThat(pending.add(1, target, 100)).isFalse();
        assertThat(pending.add(2, target, 200)).isFalse();
        assertThat(pending.find(1)).isGreaterThanOrEqualTo(0);
        assertThat(pending.find(9)).isEqualTo(-1);
        assertThat(pending.add(5, target, 300))
                .as("5 shares slot 1 and evicts it")
                .isTrue();
        assertThat(pending.find(1)).isEqualTo(-1);
        int slot = pending.find(2);
        assertThat(pending.expired(slot, 199)).isFalse();
        assertThat(pending.expired(slot, 200)).isTrue();
        pending.remove(slot);
        assertThat(pending.find(2)).isEqualTo(-1);
    }
}
