package io.palisade.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.ha.election.HaState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup paths that prevent a split brain, the split brain when every HA1 path is gone, and its resolution. */
class HaSplitBrainTest {
    /** Many peer-failure timeouts (300 ms): long enough for any wrong failover to show. */
    private static final Duration WATCH = Duration.ofMillis(2500);

    @TempDir
    Path dir;

    private HaPairHarness pair;

    @BeforeEach
    void setUp() {
        pair = new HaPairHarness(dir);
    }

    @AfterEach
    void tearDown() {
        pair.close();
    }

    @Test
    void ha1BackupKeepsThePairTogetherWhenThePrimaryHa1IsLost() {
        // Heartbeat backup off: the HA1 backup alone must carry hellos and heartbeats.
        HaTestNode[] nodes =
                pair.startPair(pair.a().withHeartbeatBackup(false), pair.b().withHeartbeatBackup(false));
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];
        int historyA = a.history().size();
        int historyB = b.history().size();

        a.ha1().setBlocked(true);
        b.ha1().setBlocked(true);

        Poll.until(
                "the primary HA1 seen down",
                () -> b.view().links().stream().anyMatch(l -> l.name().equals("ha1") && !l.up()),
                pair.context(a, b));
        Poll.holds(
                "A active, B passive, B's peer alive",
                WATCH,
                () -> a.is(HaState.ACTIVE) && b.is(HaState.PASSIVE) && !b.peer().failed(),
                pair.context(a, b));
        assertThat(a.history()).hasSize(historyA);
        assertThat(b.history()).hasSize(historyB);
        assertThat(pair.log.contains("declared failed")).isFalse();
    }

    @Test
    void aSilentlyBrokenPrimaryHa1StillLetsStateChangesThroughOverTheBackup() {
        HaTestNode[] nodes = pair.startPair();
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];
        // A black hole on the primary HA1 (a cut TCP has not noticed): connections stay up, nothing gets through.
        for (HaTestNode n : nodes) {
            n.ha1().setDropOutbound(true);
            n.ha1().setDropInbound(true);
        }
        assertThat(a.ops().haSuspend().ok()).isTrue();
        Poll.until("B takes over from the suspended A", () -> b.is(HaState.ACTIVE), pair.context(a, b));
        assertThat(b.reason()).isEqualTo("Peer is suspended");
        assertThat(b.peer().failed()).isFalse();
        assertThat(pair.log.contains("HA1 messages to the peer now go over ha1-backup"))
                .isTrue();
    }

    @Test
    void heartbeatBackupAloneKeepsThePeerAliveWhenBothHa1LinksAreLost() {
        HaTestNode[] nodes = pair.startPair();
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];
        int historyB = b.history().size();

        for (HaTestNode n : nodes) {
            n.ha1().setBlocked(true);
            n.ha1Backup().setBlocked(true);
        }

        Poll.holds(
                "A active, B passive with only HA2 keep-alives as heartbeats",
                WATCH,
                () -> a.is(HaState.ACTIVE) && b.is(HaState.PASSIVE),
                pair.context(a, b));
        assertThat(b.history()).hasSize(historyB);
        assertThat(b.peer().failed()).isFalse();
    }

    @Test
    void losingEveryHa1PathMakesBothActiveAndTheLowerRankedNodeStepsDownWhenHa1Returns() {
        HaTestNode[] nodes = pair.startPair();
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];
        int historyA = a.history().size();

        for (HaTestNode n : nodes) {
            n.ha1().setBlocked(true);
            n.ha1Backup().setBlocked(true);
            n.ha2().setBlocked(true); // the heartbeat backup travels on HA2
        }
        Poll.until("split brain: both active", () -> a.is(HaState.ACTIVE) && b.is(HaState.ACTIVE), pair.context(a, b));
        assertThat(b.reason()).startsWith("Peer declared failed after promotion hold");
        assertThat(a.forwarding()).isTrue();
        assertThat(b.forwarding()).isTrue();

        // HA1 returns (HA2 still down): hellos flow, and the node that ranks lower steps down.
        a.ha1().setBlocked(false);
        b.ha1().setBlocked(false);
        Poll.until("B passive again", () -> b.is(HaState.PASSIVE), pair.context(a, b));
        assertThat(b.reason()).isEqualTo("Split brain resolved: peer fw-a preferred: priority 50 < 100");
        assertThat(b.forwarding()).isFalse();
        assertThat(a.is(HaState.ACTIVE)).isTrue();
        assertThat(a.history()).as("A never left active").hasSize(historyA);
        assertThat(pair.log.contains("is also active; resolving by rank")).isTrue();

        // HA2 returns: the node that stepped down asked for the active's sessions and gets them.
        for (HaTestNode n : nodes) {
            n.reconnect();
        }
        Poll.until("B's bulk sync complete", b::bulkSyncComplete, pair.context(a, b));
    }
}
