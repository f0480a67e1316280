package io.palisade.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.FreePorts;
import io.palisade.config.model.Backing;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.model.SecurityRule;
import io.palisade.config.store.RunningConfig;
import io.palisade.ha.election.HaState;
import io.palisade.mgmt.shell.render.HaRenderer;
import io.palisade.ops.CommandResult;
import io.palisade.ops.CommitResult;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration sync over HA1: a commit on the active reaches the passive with the HA-local parts excluded; a
 * commit on the passive is not pushed; {@code request high-availability sync-to-remote running-config}.
 */
class HaConfigSyncTest {
    private static final String WEB_RULE = """
              - name: allow-web
                from: [trust]
                to: [untrust]
                service: [any]
                action: allow
            """;
    private static final String PASSIVE_RULE = """
              - name: passive-only
                from: [untrust]
                to: [trust]
                service: [any]
                action: allow
            """;

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
    void commitOnTheActiveSyncsTheSharedConfigAndLeavesThePassivesOwnPartsAlone() throws IOException {
        // B's interfaces are UDP tunnels, A's are memory ports: the backings differ, as on two real boxes.
        int[] udp = freeUdpPorts(4);
        Map<String, String> tunnels = Map.of(
                HaPairHarness.TRUST,
                "{type: udp-tunnel, local: '127.0.0.1:" + udp[0] + "', remote: '127.0.0.1:" + udp[1] + "'}",
                HaPairHarness.UNTRUST,
                "{type: udp-tunnel, local: '127.0.0.1:" + udp[2] + "', remote: '127.0.0.1:" + udp[3] + "'}");
        HaTestNode[] nodes = pair.startPair(pair.a(), pair.b().withBackings(tunnels));
        HaTestNode a = nodes[0];
        HaTestNode b = nodes[1];
        Poll.until("in sync from the start (equal shared parts)", () -> synced(a) && synced(b), pair.context(a, b));

        // Commit on the active through the ops facade.
        assertThat(a.ops().replaceCandidate(pair.yaml(a.settings.withExtraRules(WEB_RULE))))
                .isEmpty();
        CommitResult commit = a.ops().commit("add allow-web", "test");
        assertThat(commit.ok()).as(commit.problems().toString()).isTrue();

        Poll.until("B runs allow-web", () -> hasRule(running(b), "allow-web"), pair.context(a, b));
        RunningConfig onB = running(b);
        assertThat(onB.info().source()).isEqualTo("ha-sync");
        Poll.sleep(300); // a duplicate would arrive within this
        assertThat(b.ops().configHistory())
                .as("one commit on the active, one HA sync commit on the passive")
                .filteredOn(v -> v.source().equals("ha-sync"))
                .hasSize(1);
        assertThat(onB.info().sharedDigest()).isEqualTo(running(a).info().sharedDigest());
        assertThat(onB.info().digest()).isNotEqualTo(running(a).info().digest());
        // What does not sync: device, high-availability, interface backings.
        PalisadeConfig cb = onB.config();
        assertThat(cb.device().hostname()).isEqualTo("fw-b");
        assertThat(cb.highAvailability().election().devicePriority()).isEqualTo(100);
        assertThat(cb.highAvailability().ha1().local().port())
                .isEqualTo(b.ha1Link("ha1").localAddress().getPort());
        assertThat(cb.interfaces()).allSatisfy(i -> assertThat(i.backing()).isInstanceOf(Backing.UdpTunnel.class));
        assertThat(((Backing.UdpTunnel) cb.interfaces().getFirst().backing())
                        .local()
                        .port())
                .isEqualTo(udp[0]);
        assertThat(running(a).config().interfaces())
                .allSatisfy(i -> assertThat(i.backing()).isInstanceOf(Backing.Memory.class));
        Poll.until("both report synchronized", () -> synced(a) && synced(b), pair.context(a, b));
        assertThat(HaRenderer.all(b.ops().haStatus(), System.currentTimeMillis()))
                .contains("Running Configuration: synchronized");

        // A commit on the passive stays there.
        long versionA = running(a).info().version();
        assertThat(b.ops().replaceCandidate(pair.yaml(b.settings.withExtraRules(WEB_RULE + PASSIVE_RULE))))
                .isEmpty();
        assertThat(b.ops().commit("local change on the passive", "test").ok()).isTrue();
        Poll.until("both report not synchronized", () -> !synced(a) && !synced(b), pair.context(a, b));
        Poll.holds(
                "A keeps its own configuration",
                Duration.ofMillis(1000),
                () -> !hasRule(running(a), "passive-only") && running(a).info().version() == versionA,
                pair.context(a, b));
        assertThat(HaRenderer.all(a.ops().haStatus(), System.currentTimeMillis()))
                .contains("Running Configuration: not synchronized");

        // Not from the passive node: the active node would refuse it.
        CommandResult fromPassive = b.ops().haSyncToRemoteRunningConfig();
        assertThat(fromPassive.ok()).as(fromPassive.message()).isFalse();
        assertThat(fromPassive.message()).startsWith("not sent: the peer is active");

        // The operator pushes the active's running configuration.
        CommandResult push = a.ops().haSyncToRemoteRunningConfig();
        assertThat(push.ok()).as(push.message()).isTrue();
        assertThat(push.message()).contains("sent to the peer");
        Poll.until(
                "B back on A's configuration",
                () -> !hasRule(running(b), "passive-only") && synced(a) && synced(b),
                pair.context(a, b));
        assertThat(running(b).config().device().hostname()).isEqualTo("fw-b");
    }

    @Test
    void afterAFailoverTheNewActivesCommitsReachTheReturningNode() {
        HaTestNode[] nodes =
                pair.startPair(pair.a().withPreemptive(false), pair.b().withPreemptive(false));
        HaTestNode b = nodes[1];
        nodes[0].crash();
        Poll.until("B active", () -> b.is(HaState.ACTIVE), pair.context(b));
        HaTestNode a = pair.start(pair.a().withPreemptive(false));
        Poll.until("A passive", () -> a.is(HaState.PASSIVE), pair.context(a, b));

        assertThat(b.ops().replaceCandidate(pair.yaml(b.settings.withExtraRules(WEB_RULE))))
                .isEmpty();
        assertThat(b.ops().commit("add allow-web on the new active", "test").ok())
                .isTrue();
        Poll.until("A runs allow-web", () -> hasRule(running(a), "allow-web"), pair.context(a, b));
        assertThat(running(a).info().source()).isEqualTo("ha-sync");
        assertThat(running(a).config().device().hostname()).isEqualTo("fw-a");
        Poll.until("both report synchronized", () -> synced(a) && synced(b), pair.context(a, b));
    }

    private static RunningConfig running(HaTestNode n) {
        return n.node.configService().running();
    }

    private static boolean hasRule(RunningConfig r, String name) {
        return r.config().securityRules().stream().map(SecurityRule::name).anyMatch(name::equals);
    }

    private static boolean synced(HaTestNode n) {
        return "synchronized".equals(n.ops().haStatus().runningConfigSync());
    }

    private static int[] freeUdpPorts(int count) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = FreePorts.udp(InetAddress.getLoopbackAddress());
        }
        return ports;
    }
}
