package io.palisade.dataplane.session;

import static io.palisade.dataplane.session.SessionTable.C2S;
import static io.palisade.dataplane.session.SessionTable.S2C;
import static io.palisade.dataplane.session.TcpTracker.ACK;
import static io.palisade.dataplane.session.TcpTracker.FIN;
import static io.palisade.dataplane.session.TcpTracker.RST;
import static io.palisade.dataplane.session.TcpTracker.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TcpTrackerTest {
    private TcpState state = TcpState.NONE;
    private int flags;

    private TcpState packet(int dir, int tcpFlags) {
        state = TcpTracker.next(state, dir, tcpFlags, flags, true);
        flags |= TcpTracker.finBit(dir, tcpFlags);
        return state;
    }

    @Test
    void threeWayHandshakeThenOrderlyClose() {
        assertThat(packet(C2S, SYN)).isEqualTo(TcpState.SYN_SENT);
        assertThat(packet(C2S, SYN)).as("retransmitted SYN").isEqualTo(TcpState.SYN_SENT);
        assertThat(packet(S2C, SYN | ACK)).isEqualTo(TcpState.SYN_RECEIVED);
        assertThat(packet(C2S, ACK)).isEqualTo(TcpState.ESTABLISHED);
        assertThat(packet(S2C, ACK)).isEqualTo(TcpState.ESTABLISHED);
        assertThat(packet(C2S, FIN | ACK)).isEqualTo(TcpState.HALF_CLOSED);
        assertThat(packet(C2S, FIN | ACK)).as("same side again").isEqualTo(TcpState.HALF_CLOSED);
        assertThat(packet(S2C, FIN | ACK)).isEqualTo(TcpState.TIME_WAIT);
        assertThat(packet(C2S, ACK)).isEqualTo(TcpState.TIME_WAIT);
    }

    @Test
    void serverClosesFirst() {
        packet(C2S, SYN);
        packet(S2C, SYN | ACK);
        packet(C2S, ACK);
        assertThat(packet(S2C, FIN | ACK)).isEqualTo(TcpState.HALF_CLOSED);
        assertThat(packet(C2S, FIN | ACK)).isEqualTo(TcpState.TIME_WAIT);
    }

    @Test
    void ackBeforeSynAckDoesNotEstablish() {
        packet(C2S, SYN);
        assertThat(packet(C2S, ACK)).isEqualTo(TcpState.SYN_SENT);
    }

    @Test
    void rstVerifiedOrNot() {
        packet(C2S, SYN);
        packet(S2C, SYN | ACK);
        packet(C2S, ACK);
        assertThat(TcpTracker.next(state, S2C, RST, flags, false)).isEqualTo(TcpState.RST_UNVERIFIED);
        assertThat(TcpTracker.next(TcpState.RST_UNVERIFIED, C2S, ACK, flags, true))
                .isEqualTo(TcpState.ESTABLISHED);
        assertThat(TcpTracker.next(state, S2C, RST | ACK, flags, true)).isEqualTo(TcpState.TIME_WAIT);
        assertThat(TcpTracker.rstInWindow(1000, 1000 + TcpTracker.RST_WINDOW)).isTrue();
        assertThat(TcpTracker.rstInWindow(1000, 1001 + TcpTracker.RST_WINDOW)).isFalse();
        assertThat(TcpTracker.rstInWindow(Integer.MAX_VALUE, Integer.MIN_VALUE + 5))
                .as("wraps")
                .isTrue();
    }
}
