package io.palisade.mgmt.shell.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.store.VersionInfo;
import io.palisade.config.validate.Problem;
import io.palisade.ops.HaStatus;
import io.palisade.ops.PolicyMatchResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every renderer against expected text. Whole outputs are compared with reviewed files under
 * {@code src/test/resources/io/palisade/mgmt/shell/render/}; the lines that come straight from the PAN-OS samples
 * of the reference facts are also asserted here verbatim.
 */
class RenderersTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static String expected(String name) {
        try (InputStream in = RenderersTest.class.getResourceAsStream(name + ".txt")) {
            if (in == null) {
                throw new AssertionError("missing expected text " + name + ".txt");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void highAvailabilityAll() {
        assertThat(HaRenderer.all(RenderFixtures.ha(), RenderFixtures.NOW)).isEqualTo(expected("ha-all"));
    }

    @Test
    void highAvailabilityState() {
        assertThat(HaRenderer.state(RenderFixtures.ha(), RenderFixtures.NOW)).isEqualTo(expected("ha-state"));
    }

    @Test
    void haDisabled() {
        HaStatus off = new HaStatus(false, 1, "Active-Passive", null, List.of(), null, null, false, "");
        assertThat(HaRenderer.all(off, 0)).isEqualTo("HA not enabled\n");
        assertThat(HaRenderer.state(off, 0)).isEqualTo("HA not enabled\n");
    }

    @Test
    void pathMonitoringFollowsTheSampleTable() {
        String text = HaRenderer.pathMonitoring(RenderFixtures.paths());
        assertThat(text).isEqualTo(expected("ha-path-monitoring"));
        // Verbatim from the ntc-templates fixture (trailing blanks aside).
        assertThat(text.lines())
                .contains(
                        "total paths monitored :                         2",
                        "grp/name/type             destination     suc/total rtt min/max/avg (ms) probe cnt/interval(ms)",
                        "HA_PATH_NORTH/VR_HANDOFF/virtual-router 8.8.8.8         10/10     3.66/4.19/3.90      10/1000",
                        "HA_PATH_NORTH/VR_HANDOFF/virtual-router 217.111.187.217 10/10     2.36/2.75/2.58      10/1000");
    }

    @Test
    void otherHaCommands() {
        assertThat(HaRenderer.linkMonitoring(RenderFixtures.links())).isEqualTo(expected("ha-link-monitoring"));
        assertThat(HaRenderer.stateSynchronization(RenderFixtures.stateSync())).isEqualTo(expected("ha-state-sync"));
        assertThat(HaRenderer.flapStatistics(RenderFixtures.flaps(), UTC)).isEqualTo(expected("ha-flap-statistics"));
        assertThat(HaRenderer.transitions(RenderFixtures.transitions(), UTC)).isEqualTo(expected("ha-transitions"));
    }

    @Test
    void sessionAllFollowsTheSample() {
        String text = SessionRenderer.all(List.of(RenderFixtures.pingSession()));
        assertThat(text).isEqualTo(expected("session-all"));
        assertThat(text.lines())
                .contains(
                        "10           ping           ACTIVE  FLOW  NS   192.168.10.20[46395]/Inside/1  (192.168.1.100[46395])",
                        "vsys1                                          192.168.1.20[1]/Outside  (192.168.1.20[1])");
    }

    @Test
    void sessionIdFollowsTheSample() {
        String text = SessionRenderer.detail(RenderFixtures.pingDetail(), RenderFixtures.NOW, UTC);
        assertThat(text).isEqualTo(expected("session-id"));
        assertThat(text.lines())
                .contains(
                        "Session              10",
                        "        c2s flow:",
                        "                proto:       1",
                        "                src user:    unknown",
                        "        start time                           : Sat May  6 09:58:41 2023",
                        "        timeout                              : 6 sec",
                        "        total byte count(c2s)                : 74",
                        "        rule                                 : Allow ping",
                        "        session updated by HA peer           : False",
                        "        address/port translation             : source",
                        "        nat-rule                             : Lan(vsys1)",
                        "        ingress interface                    : ethernet1/1");
    }

    @Test
    void sessionInfo() {
        String text = SessionRenderer.info(RenderFixtures.sessionInfo());
        assertThat(text).isEqualTo(expected("session-info"));
        assertThat(text.lines())
                .contains(
                        "Number of sessions supported: 196606",
                        "Number of sessions created since bootup: 5044051",
                        "TCP default timeout: 3600 secs",
                        "TCP - reject non-SYN first packet: True");
        assertThat(SessionRenderer.normalise("timeout-tcp-half-closed"))
                .isEqualTo(SessionRenderer.normalise("tcp-half-closed"));
    }

    @Test
    void countersSystemAndPolicy() {
        assertThat(CounterRenderer.global(RenderFixtures.counters())).isEqualTo(expected("counter-global"));
        assertThat(SystemRenderer.info(RenderFixtures.system())).isEqualTo(expected("system-info"));
        assertThat(SystemRenderer.policyMatch(new PolicyMatchResult("allow-outbound", "allow", 1, "ssl")))
                .isEqualTo("\"allow-outbound; index: 1\" {\n        application ssl;\n        action allow;\n}\n");
        assertThat(SystemRenderer.policyMatch(new PolicyMatchResult("interzone-default", "deny", 0, "any")))
                .startsWith("\"interzone-default\" {\n");
    }

    @Test
    void configHistoryAndProblems() {
        var v = new VersionInfo(2, RenderFixtures.NOW, "cli", "tcp timeout", "d", "s");
        assertThat(ConfigRenderer.history(List.of(v), UTC))
                .isEqualTo("Version  Committed            Source    Description\n"
                        + "      2  2026/11/25 18:00:00  cli       tcp timeout\n");
        assertThat(ConfigRenderer.problems(
                        List.of(new Problem("security-rules[0].action", 23, 13, "must be allow, deny"))))
                .isEqualTo("1 problem:\n  23:13: security-rules[0].action: must be allow, deny\n");
    }

    @Test
    void durations() {
        assertThat(Durations.since(0, 59_000)).isEqualTo("59 seconds");
        assertThat(Durations.since(0, 60_000)).isEqualTo("1 minute");
        assertThat(Durations.since(0, 47 * 3_600_000L)).isEqualTo("47 hours");
        assertThat(Durations.since(0, 45 * 86_400_000L)).isEqualTo("45 days");
        assertThat(Durations.interval(60_000)).isEqualTo("1 min");
        assertThat(Durations.interval(90_000)).isEqualTo("90000 ms");
        assertThat(Durations.uptime(86_400_000L + 61_000)).isEqualTo("1 days, 0:01:01");
    }
}
