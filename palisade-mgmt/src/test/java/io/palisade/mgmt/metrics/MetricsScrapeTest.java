package io.palisade.mgmt.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.mgmt.testing.RunningNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real scrape of a running server, parsed by the strict parser, carries the node's figures. */
class MetricsScrapeTest {
    @TempDir
    Path dir;

    private static Map<String, PrometheusTextParser.Family> scrape(RunningNode node) {
        HttpResponse<String> r = node.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("version=0.0.4");
        return PrometheusTextParser.parse(r.body());
    }

    @Test
    void scrapeParsesAndCarriesHaSessionsSyncAndDrops() {
        try (RunningNode node = RunningNode.start(dir)) {
            var m = scrape(node);
            assertThat(m.values()).allSatisfy(f -> {
                assertThat(f.help()).as(f.name()).isNotBlank();
                assertThat(f.type()).as(f.name()).isIn("gauge", "counter");
            });
            assertThat(m.get("palisade_ha_state").value("role", "local", "state", "active"))
                    .isEqualTo(1);
            assertThat(m.get("palisade_ha_state").value("role", "peer", "state", "passive"))
                    .isEqualTo(1);
            assertThat(m.get("palisade_ha_state_code").value("role", "local")).isEqualTo(2);
            assertThat(m.get("palisade_ha_transitions_total").value()).isEqualTo(3);
            assertThat(m.get("palisade_ha_link_up").value("link", "ha1")).isEqualTo(1);
            assertThat(m.get("palisade_ha_link_up").samples())
                    .noneMatch(s -> s.labels().get("link").equals("ha2-backup"));
            assertThat(m.get("palisade_link_monitor_up").value("interface", "ethernet1/2"))
                    .isEqualTo(1);
            assertThat(m.get("palisade_path_monitor_rtt_seconds").value("destination", "198.18.0.2"))
                    .isEqualTo(0.00061);
            assertThat(m.get("palisade_ha2_sync_queue_depth").value()).isEqualTo(3);
            assertThat(m.get("palisade_ha2_sync_lag_seconds").value()).isEqualTo(0.004);
            assertThat(m.get("palisade_sessions").value("protocol", "tcp")).isEqualTo(3);
            assertThat(m.get("palisade_sessions_by_state").value("state", "discard"))
                    .isEqualTo(1);
            assertThat(m.get("palisade_packets_total").value("direction", "received"))
                    .isEqualTo(1_204_331);
            assertThat(m.get("palisade_drops_total").value("reason", "flow_policy_deny"))
                    .isEqualTo(311);
            assertThat(m.get("palisade_drops_total").samples())
                    .noneMatch(s -> s.labels().get("reason").equals("pkt_recv"));
            assertThat(m.get("palisade_config_commits_total").value()).isEqualTo(1);
            assertThat(m.get("palisade_info").value("hostname", "fw-a")).isEqualTo(1);
        }
    }

    @Test
    void scrapeFollowsStateChangesAndLinkFailures() {
        try (RunningNode node = RunningNode.start(dir)) {
            node.ops.haSuspend();
            node.ops.setLink("ha1-backup", "down");
            node.ops.setInterface("ethernet1/1", "down");
            node.ops.setCounter("flow_policy_deny", 400);
            node.ops.commit("again", "api");
            var m = scrape(node);
            assertThat(m.get("palisade_ha_state").value("role", "local", "state", "suspended"))
                    .isEqualTo(1);
            assertThat(m.get("palisade_ha_state_code").value("role", "local")).isEqualTo(4);
            assertThat(m.get("palisade_ha_state").value("role", "peer", "state", "active"))
                    .isEqualTo(1);
            assertThat(m.get("palisade_ha_transitions_total").value()).isEqualTo(4);
            assertThat(m.get("palisade_ha_link_up").value("link", "ha1-backup")).isZero();
            assertThat(m.get("palisade_link_monitor_up").value("interface", "ethernet1/1"))
                    .isZero();
            assertThat(m.get("palisade_link_monitor_group_failed").value("group", "wire-links"))
                    .isEqualTo(1);
            assertThat(m.get("palisade_drops_total").value("reason", "flow_policy_deny"))
                    .isEqualTo(400);
            assertThat(m.get("palisade_config_commits_total").value()).isEqualTo(2);
        }
    }

    @Test
    void stateCodesAreStable() {
        assertThat(MetricsScrape.stateCode("active")).isEqualTo(2);
        assertThat(MetricsScrape.stateCode("Passive")).isEqualTo(1);
        assertThat(MetricsScrape.stateCode("something-new")).isEqualTo(MetricsScrape.UNKNOWN_STATE_CODE);
        assertThat(MetricsScrape.STATE_CODES.values()).doesNotHaveDuplicates();
    }
}
