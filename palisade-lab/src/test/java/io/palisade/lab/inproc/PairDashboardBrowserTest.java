package io.palisade.lab.inproc;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.lab.LabState;
import io.palisade.mgmt.shell.NodeClient;
import io.palisade.testkit.browser.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both dashboards of a real pair (two node processes of the in-process lab) in two headless Chromium browsers:
 * the active node is suspended through its API and each widget follows, its own node's state within one second
 * of the node reporting it. Screenshots go to {@code target/screenshots/}.
 */
class PairDashboardBrowserTest {
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final Duration SHOWN_WITHIN = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @BeforeAll
    static void requireChromium() {
        HeadlessChromium.assumeInstalled();
    }

    @Test
    void bothWidgetsFollowASuspendOfTheActiveNode() {
        InProcessLab lab = InProcessLab.up(InProcessLab.Settings.of("advanced").in(dir.resolve("lab")));
        try (HeadlessChromium a = open(lab, "fw-a");
                HeadlessChromium b = open(lab, "fw-b")) {
            showsState(a, "fw-a", "active", "passive");
            showsState(b, "fw-b", "passive", "active");
            a.screenshot(SCREENSHOTS, "pair-fw-a-active");
            b.screenshot(SCREENSHOTS, "pair-fw-b-passive");

            assertThat(lab.client("fw-a").haSuspend().ok()).isTrue();
            a.waitFor(
                    "fw-a shows itself suspended",
                    SHOWN_WITHIN,
                    () -> a.text("ha-local-state").equals("suspended"));
            awaitApiState(lab.client("fw-b"), "active", Duration.ofSeconds(30));
            b.waitFor(
                    "fw-b shows itself active",
                    SHOWN_WITHIN,
                    () -> b.text("ha-local-state").equals("active"));

            a.waitFor(
                    "fw-a sees its peer active",
                    Duration.ofSeconds(10),
                    () -> a.text("ha-peer-state").equals("active"));
            b.waitFor(
                    "fw-b sees its peer suspended",
                    Duration.ofSeconds(10),
                    () -> b.text("ha-peer-state").equals("suspended"));
            a.waitFor(
                    "fw-a's reason",
                    Duration.ofSeconds(5),
                    () -> a.text("ha-local-reason").equals("User requested"));
            b.waitFor(
                    "fw-b's timeline shows the takeover",
                    Duration.ofSeconds(5),
                    () -> b.text("timeline").contains("active"));
            a.screenshot(SCREENSHOTS, "pair-fw-a-suspended");
            b.screenshot(SCREENSHOTS, "pair-fw-b-active");
        } finally {
            lab.down();
        }
    }

    private HeadlessChromium open(InProcessLab lab, String name) {
        LabState.NodeEntry node = lab.node(name);
        HeadlessChromium browser = HeadlessChromium.start(dir.resolve("chromium-" + name));
        browser.driver().get(node.api() + "/?key=" + node.apiKey());
        return browser;
    }

    private static void showsState(HeadlessChromium browser, String name, String local, String peer) {
        browser.waitFor(
                name + " dashboard connects",
                Duration.ofSeconds(20),
                () -> browser.text("live").equals("live"));
        browser.waitFor(
                name + " shows " + local + " / peer " + peer,
                Duration.ofSeconds(20),
                () -> browser.text("ha-local-state").equals(local)
                        && browser.text("ha-peer-state").equals(peer));
        assertThat(browser.text("node-hostname")).isEqualTo(name);
    }

    private static void awaitApiState(NodeClient client, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!client.haStatus().local().state().equals(state)) {
            assertThat(System.nanoTime()).as("node reports " + state).isLessThan(deadline);
            InProcessLab.sleep(Duration.ofMillis(20));
        }
    }
}
