package io.palisade.ha.election;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.model.Ha2Transport;
import io.palisade.config.model.HaMode;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CompatibilityTest {

    private static void mismatch(UnaryOperator<TestHello> bad, HaState expected, HaReason reason, String text) {
        Fixture f = Fixture.activeWithPassivePeer(b -> b);
        f.hello(bad.apply(TestHello.peer(HaState.PASSIVE).priority(200)));
        f.assertState(expected, reason);
        assertThat(f.m.reason().text()).isEqualTo(text);
        assertThat(f.m.forwarding()).isEqualTo(ForwardingMode.DISCARD);
        assertThat(f.m.counters().get(HaCounter.PEER_MISMATCH)).isEqualTo(1);
        assertThat(f.m.snapshot(f.now()).peers())
                .filteredOn(p -> p.mismatch() != null)
                .extracting(p -> p.mismatch().code())
                .containsExactly(reason);
        // the mismatch goes away: compatible hellos (and a peer with our serial, if any, goes silent)
        f.hello(TestHello.peer(HaState.PASSIVE).priority(200));
        f.advanceWithHeartbeats(5_000);
        assertThat(f.m.state().isHealthy() || f.m.state() == HaState.INITIAL)
                .as("recovered from %s, now %s", reason, f.m.state())
                .isTrue();
        assertThat(f.m.history())
                .anySatisfy(t -> assertThat(t.reason().code()).isEqualTo(HaReason.COMPATIBILITY_RESTORED));
    }

    @Test
    void groupIdMismatchIsNonFunctional() {
        mismatch(
                h -> h.groupId(2),
                HaState.NON_FUNCTIONAL,
                HaReason.GROUP_ID_MISMATCH,
                "Group ID mismatch between peers: local 1, peer 2");
    }

    @Test
    void modeMismatchIsNonFunctional() {
        mismatch(
                h -> h.mode(HaMode.ACTIVE_ACTIVE),
                HaState.NON_FUNCTIONAL,
                HaReason.MODE_MISMATCH,
                "Mode mismatch between peers: local active-passive, peer active-active");
    }

    @Test
    void sameSerialSuspends() {
        mismatch(
                h -> h.serial(Fixture.LOCAL),
                HaState.SUSPENDED,
                HaReason.SERIAL_MATCHES,
                "Serial Number matches with peer: " + Fixture.LOCAL);
    }

    @Test
    void differentMajorOrMinorVersionSuspends() {
        mismatch(
                h -> h.version("1.5.0"),
                HaState.SUSPENDED,
                HaReason.PEER_VERSION_NOT_COMPATIBLE,
                "Peer version not compatible: local 1.4.2, peer 1.5.0");
        mismatch(
                h -> h.version("2.4.2"),
                HaState.SUSPENDED,
                HaReason.PEER_VERSION_NOT_COMPATIBLE,
                "Peer version not compatible: local 1.4.2, peer 2.4.2");
    }

    @Test
    void patchVersionDifferenceIsCompatible() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b);
        f.hello(TestHello.peer(HaState.PASSIVE).priority(200).version("1.4.9-SNAPSHOT"));
        assertThat(f.m.state()).isEqualTo(HaState.ACTIVE);
    }

    @Test
    void ha2TransportMismatchIsNonFunctional() {
        mismatch(
                h -> h.ha2(Ha2Transport.ETHERNET),
                HaState.NON_FUNCTIONAL,
                HaReason.HA2_PORT_MISMATCH,
                "HA2 port mismatches with peer: local udp, peer ethernet");
    }

    @Test
    void activeActiveDeviceIdOverlapIsNonFunctional() {
        Fixture f = new Fixture(Fixture::activeActive);
        f.hello(TestHello.peer(HaState.INITIAL).mode(HaMode.ACTIVE_ACTIVE).deviceId(0));
        f.assertState(HaState.NON_FUNCTIONAL, HaReason.DEVICE_ID_OVERLAP);
        assertThat(f.m.reason().text()).isEqualTo("A/A mode device-id overlap: both use device-id 0");
        f.hello(TestHello.peer(HaState.INITIAL)
                .mode(HaMode.ACTIVE_ACTIVE)
                .deviceId(1)
                .priority(200));
        f.assertState(HaState.TENTATIVE, HaReason.COMPATIBILITY_RESTORED);
    }

    @Test
    void mismatchedPeerGoingAwayClearsTheMismatch() {
        Fixture f = Fixture.activeWithPassivePeer(b -> b);
        f.hello(TestHello.peer(HaState.PASSIVE).groupId(7));
        f.assertState(HaState.NON_FUNCTIONAL, HaReason.GROUP_ID_MISMATCH);
        f.advance(3_000); // peer declared failed
        f.assertState(HaState.PASSIVE, HaReason.COMPATIBILITY_RESTORED);
        f.advance(2_000);
        f.assertState(HaState.ACTIVE, HaReason.PEER_FAILED_PROMOTED);
    }

    @Test
    void bothSidesOfAMismatchedPairStopAsPanOsDoes() {
        PairHarness h = new PairHarness(b -> b.priority(50), b -> b.groupId(2));
        h.run(1_000);
        assertThat(h.a.state()).isEqualTo(HaState.NON_FUNCTIONAL);
        assertThat(h.b.state()).isEqualTo(HaState.NON_FUNCTIONAL);
        assertThat(h.a.m.reason().code()).isEqualTo(HaReason.GROUP_ID_MISMATCH);
    }

    @Test
    void userSuspensionSurvivesAMismatchClearing() {
        Fixture f = new Fixture();
        f.m.suspend(f.now());
        f.hello(TestHello.peer(HaState.ACTIVE).version("9.9.9"));
        f.hello(TestHello.peer(HaState.ACTIVE));
        f.assertState(HaState.SUSPENDED, HaReason.USER_REQUESTED);
    }

    @Test
    void functionalWithAPersistingMismatchSuspendsAgain() {
        Fixture f = new Fixture();
        f.hello(TestHello.peer(HaState.ACTIVE).version("9.9.9"));
        f.assertState(HaState.SUSPENDED, HaReason.PEER_VERSION_NOT_COMPATIBLE);
        f.m.suspend(f.now());
        f.m.functional(f.now());
        f.assertState(HaState.SUSPENDED, HaReason.PEER_VERSION_NOT_COMPATIBLE);
    }
}
