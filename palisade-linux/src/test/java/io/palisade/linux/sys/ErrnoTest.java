package io.palisade.linux.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class ErrnoTest {
    @Test
    void namesAndDescribesErrnoValues() {
        assertThat(Errno.name(Errno.ENODEV)).isEqualTo("ENODEV");
        assertThat(Errno.description(Errno.ENODEV)).isEqualTo("No such device");
        assertThat(Errno.describe(Errno.EPERM)).isEqualTo("EPERM (Operation not permitted)");
        assertThat(Errno.name(Errno.EAGAIN)).isEqualTo("EAGAIN");
    }

    @Test
    void unknownErrnoStillProducesText() {
        assertThat(Errno.name(9999)).isEqualTo("errno 9999");
        assertThat(Errno.description(9999)).isEqualTo("unknown error");
    }

    @Test
    void exceptionMessageNamesOperationSubjectAndMeaning() {
        LinuxIoException e = new LinuxIoException("AF_PACKET bind", "veth-a0", Errno.ENODEV, null);
        assertThat(e).hasMessage("AF_PACKET bind on veth-a0 failed: ENODEV (No such device)");
        assertThat(e.errno()).isEqualTo(Errno.ENODEV);
        assertThat(new LinuxIoException("netlink RTM_NEWADDR", "eth0", Errno.EEXIST, "address already assigned"))
                .hasMessage("netlink RTM_NEWADDR on eth0 failed: EEXIST (File exists); address already assigned");
        assertThat(new LinuxIoException("netlink dump", null, 0, "truncated reply"))
                .hasMessage("netlink dump failed: truncated reply");
    }

    @Test
    void capturesErrnoOfTheCallThatFailed() {
        try (Arena arena = Arena.ofConfined()) {
            CallState cs = CallState.allocate(arena);
            assertThat(Libc.close(cs, 987_654)).isEqualTo(-1);
            assertThat(cs.errno()).isEqualTo(Errno.EBADF);
        }
    }

    @Test
    void criticalDowncallsAlsoCaptureErrno() {
        try (Arena arena = Arena.ofConfined()) {
            CallState cs = CallState.allocate(arena);
            MemorySegment buffer = arena.allocate(8);
            assertThat(Libc.sendNonBlockingCritical(cs, 987_654, buffer, 8, SocketConstants.MSG_DONTWAIT))
                    .isEqualTo(-1);
            assertThat(cs.errno()).isEqualTo(Errno.EBADF);
        }
    }

    @Test
    void missingInterfaceIsReportedByName() {
        assertThatThrownBy(() -> Sockets.interfaceIndex("pal-missing0", "AF_PACKET bind"))
                .isInstanceOf(LinuxIoException.class)
                .hasMessage("AF_PACKET bind on pal-missing0 failed: ENODEV (No such device)");
        assertThatThrownBy(() -> Sockets.interfaceIndex("a-name-that-is-too-long", "AF_PACKET bind"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 15 characters");
    }
}
