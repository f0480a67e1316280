package io.palisade.ha.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.config.model.HaMode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElectionPartsTest {

    @Test
    void statesCarryPanOsSnmpCodesAndNames() {
        assertThat(Arrays.stream(HaState.values()).mapToInt(HaState::code)).containsExactly(1, 2, 3, 4, 5, 10, 11, 12);
        assertThat(Arrays.stream(HaState.values()).map(HaState::displayName))
                .containsExactly(
                        "suspended",
                        "non-functional",
                        "initial",
                        "passive",
                        "active",
                        "tentative",
                        "active-secondary",
                        "active-primary");
        assertThat(HaState.fromCode(12)).isEqualTo(HaState.ACTIVE_PRIMARY);
        assertThat(HaState.fromDisplayName("Non-Functional")).isEqualTo(HaState.NON_FUNCTIONAL);
        assertThat(HaState.NON_FUNCTIONAL.logName()).isEqualTo("Non-Functional");
        assertThatThrownBy(() -> HaState.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reasonsUsePanOsWording() {
        assertThat(HaReason.USER_REQUESTED.text()).isEqualTo("User requested");
        assertThat(HaReason.PREEMPTION_LOOP.text()).isEqualTo("Preemption loop detected");
        assertThat(HaReason.SERIAL_MATCHES.text()).isEqualTo("Serial Number matches with peer");
        assertThat(StateReason.of(HaReason.DATAPLANE_DOWN, "brdagent exiting").text())
                .isEqualTo("Dataplane down: brdagent exiting");
        assertThat(StateReason.of(HaReason.LINK_DOWN)
                        .withDetail("x")
                        .withDetail("y")
                        .text())
                .isEqualTo("Link down: x; y");
    }

    @Test
    void everyReasonButTheStartIsReachableInTheTransitionTable() {
        Set<HaReason> used = EnumSet.noneOf(HaReason.class);
        for (HaState from : HaState.values()) {
            for (HaState to : HaState.values()) {
                used.addAll(TransitionTable.reasons(from, to));
            }
        }
        assertThat(EnumSet.complementOf(EnumSet.copyOf(used))).containsExactly(HaReason.STARTED);
        assertThat(TransitionTable.allows(HaState.PASSIVE, HaState.ACTIVE, HaReason.PREEMPTING))
                .isTrue();
        assertThat(TransitionTable.allows(HaState.SUSPENDED, HaState.ACTIVE, HaReason.USER_REQUESTED))
                .as("suspended goes through initial")
                .isFalse();
    }

    @Test
    void softwareVersionsPairOnMajorAndMinor() {
        assertThat(SoftwareVersion.parse("1.4.2").isCompatibleWith(SoftwareVersion.parse("1.4.9")))
                .isTrue();
        assertThat(SoftwareVersion.parse("1.4").isCompatibleWith(SoftwareVersion.parse("1.5.0")))
                .isFalse();
        assertThat(SoftwareVersion.parse("0.1.0-SNAPSHOT")).isEqualTo(new SoftwareVersion(0, 1, 0));
        assertThatThrownBy(() -> SoftwareVersion.parse("one.two")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SoftwareVersion.parse("1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rankOrdersPriorityThenDeviceIdThenNodeId() {
        var a = new ElectionRank("A", 100, 1, 1);
        var b = new ElectionRank("B", 100, 0, 2);
        assertThat(a.outranks(b, HaMode.ACTIVE_PASSIVE))
                .as("A/P ignores device id")
                .isTrue();
        assertThat(b.outranks(a, HaMode.ACTIVE_ACTIVE))
                .as("A/A prefers device id 0")
                .isTrue();
        assertThat(new ElectionRank("C", 99, 1, 9).outranks(b, HaMode.ACTIVE_ACTIVE))
                .isTrue();
        assertThat(ElectionRank.formatNodeId(0x001b17000001L)).isEqualTo("00:1b:17:00:00:01");
        assertThat(ElectionRank.formatNodeId(-1L)).isEqualTo("ffffffffffffffff");
    }

    @Test
    void counterNamesAreUniqueAndInTheHaCategory() {
        Set<String> names = new HashSet<>();
        for (HaCounter c : HaCounter.values()) {
            assertThat(names.add(c.counterName())).as(c.counterName()).isTrue();
            assertThat(c.counterName()).startsWith("ha_");
            assertThat(c.category()).isEqualTo("ha");
        }
    }

    @Test
    void snapshotHoldsWhatShowHighAvailabilityPrints() {
        Fixture f = Fixture.passiveWithActivePeer(b -> b.priority(90).preemptive(true), TestHello.peer(HaState.ACTIVE));
        f.m.onHeartbeat(Fixture.PEER, HaPath.HEARTBEAT_BACKUP, f.now());
        f.advance(500);
        HaSnapshot s = f.m.snapshot(f.now());
        assertThat(s.groupId()).isEqualTo(1);
        assertThat(s.mode()).isEqualTo(HaMode.ACTIVE_PASSIVE);
        assertThat(s.local().state()).isEqualTo(HaState.PASSIVE);
        assertThat(s.local().reason().text()).isEqualTo("Peer is active");
        assertThat(s.local().priority()).isEqualTo(90);
        assertThat(s.local().preemptive()).isTrue();
        assertThat(s.local().forwarding()).isEqualTo(ForwardingMode.DISCARD);
        assertThat(s.local().bulkSyncComplete()).isTrue();
        assertThat(s.local().timers().resolved()).isEqualTo(Fixture.TIMERS);
        assertThat(s.local().timers().peerFailureTimeoutMs()).isEqualTo(3_000);
        assertThat(s.local().timers().flapWindowMs()).isEqualTo(900_000);
        HaSnapshot.Peer p = s.peers().getFirst();
        assertThat(p.serial()).isEqualTo(Fixture.PEER);
        assertThat(p.state()).isEqualTo(HaState.ACTIVE);
        assertThat(p.stateCurrent()).isTrue();
        assertThat(p.connectionUp()).isTrue();
        assertThat(p.lastHeardNs()).isEqualTo(f.now() - 500_000_000L);
        assertThat(p.paths()).extracting(HaSnapshot.PathStatus::up).containsExactly(true, false, true);
        assertThat(s.history()).hasSize(1);
        assertThat(s.counters()).containsEntry("ha_state_transition", 1L).containsKey("ha_peer_failed");
        assertThat(s.flaps().flapMax()).isEqualTo(3);
        assertThat(s.nextDeadlineNs()).isGreaterThan(s.takenAtNs());
    }

    @Test
    void localHelloDescribesThisNode() {
        Fixture f = new Fixture(b -> b.priority(42).preemptive(true).groupId(7));
        HaHello h = f.m.localHello();
        assertThat(h.serial()).isEqualTo(Fixture.LOCAL);
        assertThat(h.nodeId()).isEqualTo(Fixture.LOCAL_NODE_ID);
        assertThat(h.groupId()).isEqualTo(7);
        assertThat(h.state()).isEqualTo(HaState.INITIAL);
        assertThat(h.priority()).isEqualTo(42);
        assertThat(h.preemptive()).isTrue();
        assertThat(h.version()).isEqualTo(Fixture.VERSION);
    }

    @Test
    void agentCanSleepUntilTheNextDeadline() {
        // an agent loop that only wakes at nextDeadlineNs reaches the same outcome as a busy one
        Fixture f = Fixture.passiveWithActivePeer(b -> b, TestHello.peer(HaState.ACTIVE));
        int wakeUps = 0;
        while (f.m.state() == HaState.PASSIVE && wakeUps < 100) {
            long next = f.m.nextDeadlineNs(f.now());
            f.clock.advance(next - f.now(), java.util.concurrent.TimeUnit.NANOSECONDS);
            f.m.doWork(f.now());
            wakeUps++;
        }
        f.assertState(HaState.ACTIVE, HaReason.PEER_FAILED_PROMOTED);
        assertThat(wakeUps).isLessThan(10);
    }
}
