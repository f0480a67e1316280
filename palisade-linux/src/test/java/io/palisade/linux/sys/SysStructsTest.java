package io.palisade.linux.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Pins the shared structures to what the C compiler printed for the system headers (x86-64). */
class SysStructsTest {
    @Test
    void sizesAndOffsetsMatchTheHeaders() {
        assertThat(Ifreq.LAYOUT.byteSize()).isEqualTo(Ifreq.SIZE).isEqualTo(40);
        assertThat(Ifreq.IFRU).isEqualTo(16);
        assertThat(PollFd.LAYOUT.byteSize()).isEqualTo(8);
        assertThat(PollFd.REVENTS).isEqualTo(6);
        assertThat(InetSockaddr.IN_SIZE).isEqualTo(16);
        assertThat(InetSockaddr.IN6_SIZE).isEqualTo(28);
        assertThat(InetSockaddr.IN6_SCOPE_ID).isEqualTo(24);
    }

    @Test
    void socketAddressesRoundTrip() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(InetSockaddr.MAX_SIZE, 8);
            InetAddress v4 = InetAddress.getByName("198.18.0.7");
            assertThat(InetSockaddr.write(address, v4)).isEqualTo(16);
            assertThat(InetSockaddr.read(address)).isEqualTo(v4);
            assertThat(InetSockaddr.matches(address, v4.getAddress())).isTrue();
            InetAddress v6 = InetAddress.getByName("2001:db8::7");
            assertThat(InetSockaddr.write(address, v6)).isEqualTo(28);
            assertThat(InetSockaddr.read(address)).isEqualTo(v6);
            assertThat(InetSockaddr.matches(address, v4.getAddress())).isFalse();
        }
    }
}
