package io.palisade.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsLinkPollerTest {
    @TempDir
    Path classNet;

    @Test
    void reportsTheFirstStateThenOnlyChangesThenRemoval() throws Exception {
        write("eth1", 5, "0x1003", "up", "1");
        SysfsLinkPoller poller = new SysfsLinkPoller(classNet, List.of("eth1", "eth9"));
        List<LinkEvent> events = new ArrayList<>();

        assertThat(poller.poll(events::add)).isEqualTo(1);
        assertThat(poller.poll(events::add)).as("nothing changed").isZero();
        write("eth1", 5, "0x1003", "lowerlayerdown", "0");
        assertThat(poller.poll(events::add)).isEqualTo(1);
        write("eth1", 5, "0x1002", "down", "0");
        assertThat(poller.poll(events::add)).isEqualTo(1);
        deleteTree(classNet.resolve("eth1"));
        assertThat(poller.poll(events::add)).isEqualTo(1);

        assertThat(events)
                .containsExactly(
                        new LinkEvent(5, "eth1", true, true, OperState.UP, false),
                        new LinkEvent(5, "eth1", true, false, OperState.LOWER_LAYER_DOWN, false),
                        new LinkEvent(5, "eth1", false, false, OperState.DOWN, false),
                        new LinkEvent(5, "eth1", false, false, OperState.NOT_PRESENT, true));
    }

    private void write(String name, int ifindex, String flags, String operstate, String carrier) throws IOException {
        Path dir = Files.createDirectories(classNet.resolve(name));
        Files.writeString(dir.resolve("ifindex"), ifindex + "\n");
        Files.writeString(dir.resolve("flags"), flags + "\n");
        Files.writeString(dir.resolve("operstate"), operstate + "\n");
        Files.writeString(dir.resolve("carrier"), carrier + "\n");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}
