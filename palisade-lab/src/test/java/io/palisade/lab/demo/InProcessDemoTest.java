package io.palisade.lab.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.lab.inproc.NodeProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-process demo with 100 connections for each fault: the peer takes over and every connection that was
 * exchanging data keeps doing so through it (kill, link-down, path-down, suspend); for ha1-down (a split brain)
 * the report says what happened. No process is left behind.
 */
class InProcessDemoTest {
    @TempDir
    Path dir;

    private DemoReport demo(String fault) {
        return InProcessDemo.run(new DemoOptions(fault, "advanced", 100, 1, 4, false), dir.resolve("lab.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kill", "link-down", "path-down", "suspend"})
    void everyConnectionSurvivesTheFailover(String fault) throws Exception {
        DemoReport r = demo(fault);
        assertThat(r.mode()).isEqualTo("inproc");
        assertThat(r.fault()).isEqualTo(fault);
        assertThat(r.sessionsBefore()).as(r.toString()).isEqualTo(100);
        assertThat(r.sessionsSurvived()).as(r.toString()).isEqualTo(r.sessionsBefore());
        assertThat(r.detectionMs()).as(r.toString()).isBetween(0L, 3_000L);
        assertThat(r.interruptionMs()).as(r.toString()).isBetween(0L, 4_000L);
        assertThat(r.states())
                .anySatisfy(e -> {
                    assertThat(e.node()).isEqualTo("fw-b");
                    assertThat(e.to()).isEqualTo("active");
                    assertThat(e.atMs()).isNotNegative();
                })
                .anySatisfy(e -> {
                    assertThat(e.node()).isEqualTo("fw-a");
                    assertThat(e.to()).isEqualTo("active");
                    assertThat(e.atMs()).isNegative();
                });
        assertThat(Files.readString(Path.of(r.timelineSvg()))).startsWith("<svg");
        assertThat(Files.readString(dir.resolve("demo.json"))).contains("\"sessionsSurvived\" : 100");
        assertNoNodeLeft(r);
    }

    @Test
    void ha1DownIsReportedAsItHappens() {
        DemoReport r = demo("ha1-down");
        // Every HA1 path of fw-a is blocked: fw-b declares it failed and goes active; fw-a, still healthy and
        // cut off, stays active (split brain). Both forward; the report says so through statesAfter.
        assertThat(r.sessionsBefore()).isEqualTo(100);
        assertThat(r.details().get("statesAfter")).isEqualTo(Map.of("fw-a", "active", "fw-b", "active"));
        assertThat(r.detectionMs()).isBetween(0L, 3_000L);
        assertThat(r.sessionsSurvived()).as(r.toString()).isEqualTo(100);
        assertNoNodeLeft(r);
    }

    @SuppressWarnings("unchecked")
    private static void assertNoNodeLeft(DemoReport r) {
        Map<String, Map<String, Object>> nodes =
                (Map<String, Map<String, Object>>) r.details().get("nodes");
        nodes.values()
                .forEach(n -> assertThat(NodeProcesses.alive(((Number) n.get("pid")).longValue(), null))
                        .isFalse());
    }
}
